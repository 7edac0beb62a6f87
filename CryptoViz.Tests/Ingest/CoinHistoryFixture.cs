using System.Diagnostics.Metrics;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// One Ingest host over a temp DuckDB file whose history is mostly stored 1-minute candles with no raw tick behind them
/// (as a backfill leaves them), then raw ticks; its clock fixed at <see cref="Now"/>, between two 15-minute boundaries.
/// <list type="bullet">
/// <item>BTC/alpha: a candle every minute from <see cref="CandlesFrom"/> to 11:59 today, each closing at
/// <see cref="CandleClose"/>; then raw ticks at 12:00:10 (500, reporting a 24 h volume of 5e9) and 12:07:10 (520).</item>
/// <item>ETH/alpha: raw ticks only, at 11:40 (3000) and 12:05 (3100): less than an hour of history.</item>
/// <item>BTC/beta: a candle at 10:40 (7), then nothing until a raw tick at 12:01 (9): a gap over "1 h ago".</item>
/// </list>
/// </summary>
public sealed class CoinHistoryFixture : IAsyncLifetime
{
    public static readonly DateTime Now = new(2025, 9, 10, 12, 7, 30, DateTimeKind.Utc);
    public static readonly DateTime CandlesFrom = new(2025, 9, 9, 11, 0, 0, DateTimeKind.Utc);

    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-coin-history-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();

    public WebApplicationFactory<IngestOptions> Factory { get; private set; } = null!;

    /// <summary>BTC/alpha's stored close of the minute starting at <paramref name="minute"/>: 1000 plus the minutes since <see cref="CandlesFrom"/>.</summary>
    public static double CandleClose(DateTime minute) => 1000 + (minute - CandlesFrom).TotalMinutes;

    public static DateTime Today(int hour, int minute, int second = 0) => new(2025, 9, 10, hour, minute, second, DateTimeKind.Utc);

    public ValueTask InitializeAsync()
    {
        var path = Path.Combine(_directory, "history.duckdb");
        StoreCandles(path);
        Factory = IngestTestHost.Create(_kafka, path, Now);
        var store = Factory.Services.GetRequiredService<PriceStore>();
        store.Write(
        [
            Price("BTC", "alpha", Today(12, 0, 10), 500) with { Volume24h = 5e9 },
            Price("BTC", "alpha", Today(12, 7, 10), 520),
            Price("ETH", "alpha", Today(11, 40), 3000),
            Price("ETH", "alpha", Today(12, 5), 3100),
            Price("BTC", "beta", Today(12, 1), 9),
        ]);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Candles written straight into <c>candles_1m</c> before Ingest opens the file, so its horizon starts after them.</summary>
    private static void StoreCandles(string path)
    {
        var connectionString = $"DataSource={path}";
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using (new PriceStore(new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:duckdb", connectionString)]).Build(),
            Options.Create(new IngestOptions()), new IngestTelemetry(services.GetRequiredService<IMeterFactory>()), NullLogger<PriceStore>.Instance))
        {
            using var connection = new DuckDBConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO candles_1m (symbol, source, bucket, open, high, low, close, ticks, opened_at, closed_at, volume, quote_volume)
                SELECT 'BTC', 'alpha', t, c, c, c, c, 1, t, t, 0, 0
                FROM (SELECT t, 1000 + (epoch(t) - epoch(TIMESTAMP '2025-09-09 11:00:00')) / 60 AS c
                      FROM generate_series(TIMESTAMP '2025-09-09 11:00:00', TIMESTAMP '2025-09-10 11:59:00', INTERVAL 1 MINUTE) g(t));
                INSERT INTO candles_1m (symbol, source, bucket, open, high, low, close, ticks, opened_at, closed_at, volume, quote_volume)
                VALUES ('BTC', 'beta', TIMESTAMP '2025-09-10 10:40:00', 7, 7, 7, 7, 1, TIMESTAMP '2025-09-10 10:40:00', TIMESTAMP '2025-09-10 10:40:00', 0, 0);
                """;
            command.ExecuteNonQuery();
        }
    }

    private static CryptoPrice Price(string symbol, string source, DateTime at, double price) => new()
    {
        Name = symbol, Symbol = symbol, Price = price, PercentChange24h = 1.5, MarketCap = 1e9, Source = source,
        Timestamp = at, IngestionTimestamp = at.AddSeconds(1), ProducerId = "coin-history-tests",
    };
}
