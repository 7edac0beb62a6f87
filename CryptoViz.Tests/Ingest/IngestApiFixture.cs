using CryptoViz.Ingest;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// One Ingest host over a temp DuckDB file seeded with a hand-made history through <see cref="PriceStore.Write"/>,
/// shared by the read-only API tests. The clock is fixed at <see cref="Now"/> so that default ranges are known.
/// Nothing is produced to the broker, so the ingest loop never writes beside the seeding.
/// </summary>
public sealed class IngestApiFixture : IAsyncLifetime
{
    public static readonly DateTime Now = new(2025, 9, 5, 10, 30, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-ingest-api-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();

    public WebApplicationFactory<IngestOptions> Factory { get; private set; } = null!;

    /// <summary>The seeded rows: BTC from sources alpha and beta, ETH from alpha.</summary>
    public static IReadOnlyList<CryptoPrice> Seed { get; } =
    [
        // BTC/alpha, minute 10:00: O 100 H 105 L 95 C 101, volume 1.75 (one tick without), quote volume 180.25;
        // minute 10:01: O 102 H 102 L 99 C 99, volume 2.5, quote volume 253.5.
        Price("BTC", "alpha", At(4, 10, 0, 0), 100, 0.5),
        Price("BTC", "alpha", At(4, 10, 0, 20), 105, 1),
        Price("BTC", "alpha", At(4, 10, 0, 40), 95),
        Price("BTC", "alpha", At(4, 10, 0, 50), 101, 0.25),
        Price("BTC", "alpha", At(4, 10, 1, 10), 102, 2),
        Price("BTC", "alpha", At(4, 10, 1, 30), 99, 0.5),
        // A day later: 88 one hour before the latest 110, 90 within that hour; volume 1.5, quote volume 143; the
        // latest 24 h volume is 90's, as 110 brings none.
        Price("BTC", "alpha", At(5, 9, 0, 0), 88, 1) with { Volume24h = 5e9 },
        Price("BTC", "alpha", At(5, 9, 30, 0), 90) with { Volume24h = 6e9 },
        Price("BTC", "alpha", At(5, 10, 0, 0), 110, 0.5),
        // BTC/beta: far off alpha inside minute 10:00, so a mixed series would show; latest 112.
        Price("BTC", "beta", At(4, 10, 0, 30), 200),
        Price("BTC", "beta", At(5, 10, 0, 0), 112) with { Volume24h = 7e9 },
        Price("ETH", "alpha", At(5, 8, 0, 0), 3000),
    ];

    public static DateTime At(int day, int hour, int minute, int second) => new(2025, 9, day, hour, minute, second, DateTimeKind.Utc);

    public ValueTask InitializeAsync()
    {
        Factory = IngestTestHost.Create(_kafka, Path.Combine(_directory, "api.duckdb"), Now,
            web => web.UseSetting("Aspire:Confluent:Kafka:Consumer:Config:StatisticsIntervalMs", "200"));
        var written = Factory.Services.GetRequiredService<PriceStore>().Write(Seed);
        Assert.Equal(Seed.Count, written);
        return ValueTask.CompletedTask;
    }

    private static CryptoPrice Price(string symbol, string source, DateTime at, double price, double? volume = null) => new()
    {
        Name = symbol == "BTC" ? "Bitcoin" : "Ethereum", Symbol = symbol, Price = price, PercentChange24h = 1.5,
        MarketCap = symbol == "BTC" ? 2e12 : 4e11, Source = source, Timestamp = at, IngestionTimestamp = at.AddSeconds(1),
        ProducerId = "ingest-api-tests", Volume = volume, QuoteVolume = volume * price,
    };

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
