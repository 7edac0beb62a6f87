using CryptoViz.Ingest;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// V2's retention (docs/v2-contract.md#retention) on a real DuckDB file written through <see cref="PriceStore"/>: expired rows go,
/// whole hours older than 24 h keep their last row per (symbol, source), recent rows stay as they are.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2025, 9, 10, 12, 30, 0, TimeSpan.Zero);
    private static readonly (string Symbol, string Source)[] s_series = [("BTC", "coingecko"), ("BTC", "coinmarketcap"), ("ETH", "coingecko")];

    private readonly FakeTimeProvider _time = new(s_now);
    private readonly TempPriceStore _db = new("retention");

    private PriceStore Store => _db.Store;

    [Fact]
    public void Deletes_expired_rows_keeps_the_last_row_per_hour_after_24_h_and_leaves_recent_rows_alone()
    {
        // Arrange: every 15 minutes per series, in four periods.
        var utc = s_now.UtcDateTime;
        var expired = Ticks(utc.AddDays(-9), hours: 2);                         // 8 per series: older than 7 days
        var old = Ticks(new DateTime(2025, 9, 5, 6, 0, 0, DateTimeKind.Utc), hours: 3); // 12 per series: 5 days old
        var partialHour = Ticks(new DateTime(2025, 9, 9, 12, 0, 0, DateTimeKind.Utc), hours: 0.5); // 2 per series: > 24 h old, but its hour is not
        var recent = Ticks(utc.AddHours(-2.5), hours: 2.5);                     // 10 per series: today
        Store.Write([.. expired, .. old, .. partialHour, .. recent]);
        var service = Service(new RetentionOptions());

        // Act
        var result = service.Apply();

        // Assert
        Assert.Equal(8 * s_series.Length, result.Expired);
        Assert.Equal(9 * s_series.Length, result.Downsampled); // 3 hours × (4 − 1) per series
        var kept = Keys();
        var expected = old.Where(p => p.Timestamp.Minute == 45).Concat(partialHour).Concat(recent).Select(Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, kept);
        Assert.Equal(kept.Count, kept.Distinct().Count());
    }

    [Fact]
    public void A_second_run_changes_nothing()
    {
        Store.Write([.. Ticks(new DateTime(2025, 9, 5, 6, 0, 0, DateTimeKind.Utc), hours: 3), .. Ticks(s_now.UtcDateTime.AddHours(-1), hours: 1)]);
        var service = Service(new RetentionOptions());
        service.Apply();
        var before = Keys();

        var again = service.Apply();

        Assert.Equal(new RetentionResult(0, 0, 0, true), again);
        Assert.Equal(before, Keys());
    }

    [Fact]
    public async Task Runs_on_the_time_providers_interval()
    {
        var expired = Ticks(s_now.UtcDateTime.AddDays(-8), hours: 1);
        var recent = Ticks(s_now.UtcDateTime.AddHours(-1), hours: 1);
        Store.Write([.. expired, .. recent]);
        using var service = Service(new RetentionOptions { Interval = TimeSpan.FromMinutes(10) });
        await service.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            // The loop creates its timer on its own thread, maybe after an Advance; so each probe moves the clock
            // one interval on, until a tick has come and the run has deleted the expired rows.
            await Eventually.GetAsync(
                () => { _time.Advance(TimeSpan.FromMinutes(10)); return Task.FromResult<int?>(Keys().Count); },
                n => n == recent.Count, TimeSpan.FromSeconds(10), "the expired rows to be deleted");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Runs_beside_a_writer_that_keeps_appending()
    {
        Store.Write(Ticks(new DateTime(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc), hours: 72)); // 3 days, every 15 min
        var service = Service(new RetentionOptions());
        var batches = Enumerable.Range(0, 50).Select(b => Ticks(s_now.UtcDateTime.AddMinutes(-b), hours: 0.25, symbolPrefix: $"N{b}")).ToList();

        var writer = Task.Run(() => { foreach (var batch in batches) Store.Write(batch); }, TestContext.Current.CancellationToken);
        var result = service.Apply();
        await writer;

        Assert.True(result.Expired > 0 && result.Downsampled > 0, result.ToString());
        Assert.Equal(batches.Sum(b => b.Count), Keys().Count(k => k.StartsWith('N')));
    }

    private RetentionService Service(RetentionOptions options) => new(
        Store, Options.Create(options), _db.Telemetry(),
        _time, NullLogger<RetentionService>.Instance);

    /// <summary>One row every 15 minutes per series from <paramref name="from"/> for <paramref name="hours"/>.</summary>
    private static List<CryptoPrice> Ticks(DateTime from, double hours, string symbolPrefix = "")
    {
        var prices = new List<CryptoPrice>();
        for (var t = from; t < from.AddHours(hours); t = t.AddMinutes(15))
        {
            foreach (var (symbol, source) in s_series)
            {
                prices.Add(new CryptoPrice
                {
                    Name = symbol, Symbol = symbolPrefix + symbol, Price = 100, PercentChange24h = 1, MarketCap = 1e9, Source = source,
                    Timestamp = t, IngestionTimestamp = t.AddSeconds(1), ProducerId = "retention-tests",
                });
            }
        }

        return prices;
    }

    private static string Key(CryptoPrice p) => $"{p.Symbol}|{p.Source}|{p.Timestamp:O}";

    private List<string> Keys()
    {
        using var connection = new DuckDBConnection(_db.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT symbol, source, "timestamp" FROM crypto_prices""";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc):O}");
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    public void Dispose() => _db.Dispose();
}
