using CryptoViz.Ingest;
using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// Stored 1-minute candles on a real DuckDB file: the same candles as computed from raw ticks, a late tick
/// counted, the current minute live from raw ticks, candles that outlive the ticks retention downsamples, and the
/// ticks' volume summed into them.
/// </summary>
public sealed class CandleRollupTests : IDisposable
{
    private static readonly DateTime s_now = new(2025, 9, 10, 12, 30, 30, DateTimeKind.Utc);
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(s_now);
    private readonly TempPriceStore _db = new("candles");

    private PriceStore Store => _db.Store;

    private PriceQueries Queries => new(_db.Store);

    [Fact]
    public async Task Stored_candles_equal_the_candles_computed_from_raw_ticks_at_every_width()
    {
        // Arrange: two hours of a tick every 10 s with a wandering price, and an hour of another coin.
        var start = s_now.AddHours(-2);
        Store.Write([.. Ticks("BTC", start, s_now, 10), .. Ticks("ETH", start, start.AddHours(1), 10)]);
        var raw = new Dictionary<TimeSpan, IReadOnlyList<Candle>>();
        foreach (var width in Widths) raw[width] = await CandlesAsync(width, start.AddMinutes(-7), s_now.AddMinutes(1));

        // Act
        var written = Rollup().Roll();

        // Assert: BTC's closed minutes 10:30–12:29 and ETH's 10:30–11:30 are stored; the current minute stays raw.
        Assert.Equal(120 + 61, written);
        Assert.Equal(s_now.AddSeconds(-30), Store.CandleHorizon.Value);
        foreach (var width in Widths)
        {
            Assert.Equal(raw[width], await CandlesAsync(width, start.AddMinutes(-7), s_now.AddMinutes(1)));
        }
    }

    [Fact]
    public async Task Candles_sum_their_ticks_volume_from_raw_ticks_and_stored_minutes_alike_and_still_count_ticks()
    {
        // Arrange: two hours of a tick every 10 s with volumes, every fifth tick without one (a 0 in the sums).
        var start = s_now.AddHours(-2);
        var ticks = WithVolumes(Ticks("BTC", start, s_now, 10));
        Store.Write(ticks);
        var from = start.AddHours(-1);
        var rawMinutes = await CandlesAsync(s_minute, from, s_now.AddMinutes(1));
        var rawHours = await CandlesAsync(TimeSpan.FromHours(1), from, s_now.AddMinutes(1));

        // Act: the closed minutes are stored; 12:30 stays raw, so the 12:00 hour straddles the horizon.
        Rollup().Roll();
        var storedMinutes = await CandlesAsync(s_minute, from, s_now.AddMinutes(1));
        var storedHours = await CandlesAsync(TimeSpan.FromHours(1), from, s_now.AddMinutes(1));

        // Assert
        var minutes = Sums(ticks, s_minute);
        var hours = Sums(ticks, TimeSpan.FromHours(1));
        Assert.Equal(121, minutes.Count);
        Assert.Equal(3, hours.Count);
        Assert.Equal(minutes, rawMinutes.Select(c => (c.Time, c.Volume, c.QuoteVolume, c.Ticks)));
        Assert.Equal(minutes, storedMinutes.Select(c => (c.Time, c.Volume, c.QuoteVolume, c.Ticks)));
        Assert.Equal(hours, rawHours.Select(c => (c.Time, c.Volume, c.QuoteVolume, c.Ticks)));
        Assert.Equal(hours, storedHours.Select(c => (c.Time, c.Volume, c.QuoteVolume, c.Ticks)));
        Assert.All(storedMinutes.Skip(1).SkipLast(1), c => Assert.Equal(6, c.Ticks));
    }

    [Fact]
    public async Task A_store_from_before_volume_gains_the_columns_and_its_old_candles_sum_as_no_volume()
    {
        // Arrange: the file as Ingest left it before volume existed: an old candle, and no volume columns.
        var minute = s_now.AddMinutes(-10).AddSeconds(-30);
        Store.Write(Ticks("BTC", minute, minute.AddMinutes(1), 20));
        Rollup().Roll();
        _db.Execute("""
            ALTER TABLE crypto_prices DROP COLUMN volume; ALTER TABLE crypto_prices DROP COLUMN quote_volume;
            ALTER TABLE crypto_prices DROP COLUMN volume_24h;
            ALTER TABLE candles_1m DROP COLUMN volume; ALTER TABLE candles_1m DROP COLUMN quote_volume;
            """);

        // Act: Ingest starts on that file, then stores a late tick with volume into the old candle and a new one.
        using var reopened = _db.Reopen();
        reopened.Write([Tick("BTC", minute.AddSeconds(50), 100_000, 0.5), Tick("BTC", s_now.AddSeconds(-5), 100_000, 2)]);
        var candles = await new PriceQueries(reopened).GetCandlesAsync("BTC", "binance", s_minute, minute, s_now.AddMinutes(1),
            TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([(minute, 0.5, 50_000d, 4L), (s_now.AddSeconds(-30), 2, 200_000, 1)], candles.Select(c => (c.Time, c.Volume, c.QuoteVolume, c.Ticks)));
    }

    [Fact]
    public async Task A_late_tick_within_the_lateness_window_lands_in_its_stored_candle()
    {
        var start = s_now.AddMinutes(-30);
        Store.Write(Ticks("BTC", start, s_now, 10));
        var rollup = Rollup();
        rollup.Roll();
        var minute = new DateTime(2025, 9, 10, 12, 25, 0, DateTimeKind.Utc);

        // Act: a tick for 12:25:05 arrives two minutes late, higher than anything in that minute.
        Store.Write([Tick("BTC", minute.AddSeconds(5), 1_000_000)]);
        _time.Advance(TimeSpan.FromMinutes(2));
        rollup.Roll();

        // Assert
        var candle = Assert.Single(await CandlesAsync(s_minute, minute, minute.AddMinutes(1)));
        Assert.Equal(1_000_000, candle.High);
        Assert.Equal(7, candle.Ticks);
        Assert.Equal(s_now.AddSeconds(90), Store.CandleHorizon.Value);
    }

    [Fact]
    public async Task Ticks_back_filled_far_behind_the_rolled_up_minutes_read_raw_until_the_next_rollup_stores_them()
    {
        Store.Write(Ticks("BTC", s_now.AddMinutes(-30), s_now, 10));
        var rollup = Rollup();
        rollup.Roll();
        var dayAgo = s_now.AddDays(-1);

        // Act: an hour of yesterday's ticks arrives now (a replay of history, a restored backup).
        Store.Write(Ticks("BTC", dayAgo, dayAgo.AddHours(1), 10));
        var beforeRollup = await CandlesAsync(TimeSpan.FromHours(1), dayAgo.AddMinutes(-30), dayAgo.AddHours(1));
        rollup.Roll();
        var afterRollup = await CandlesAsync(TimeSpan.FromHours(1), dayAgo.AddMinutes(-30), dayAgo.AddHours(1));

        // Assert: the horizon fell back to yesterday, so the back-fill counted at once, and the rollup stored it.
        Assert.Equal(360, beforeRollup.Sum(c => c.Ticks));
        Assert.Equal(beforeRollup, afterRollup);
        Assert.Equal(s_now.AddSeconds(-30), Store.CandleHorizon.Value);
    }

    [Fact]
    public async Task Candles_outlive_the_raw_ticks_that_retention_downsamples_and_the_current_minute_stays_live()
    {
        // Arrange: three days ago, one hour of ticks; then the rollup; then retention keeps one tick per hour.
        var old = s_now.AddDays(-3);
        var hour = new DateTime(old.Year, old.Month, old.Day, old.Hour, 0, 0, DateTimeKind.Utc);
        Store.Write(Ticks("BTC", hour, hour.AddHours(1), 10));
        var before = await CandlesAsync(TimeSpan.FromMinutes(5), hour, hour.AddHours(1));
        Rollup().Roll();
        var retention = new RetentionService(Store, Options.Create(new RetentionOptions()), Telemetry(), _time, NullLogger<RetentionService>.Instance)
            .Apply();
        Assert.Equal(359, retention.Downsampled);

        // Act
        var after = await CandlesAsync(TimeSpan.FromMinutes(5), hour, hour.AddHours(1));
        Store.Write([Tick("BTC", s_now.AddSeconds(-10), 42), Tick("BTC", s_now.AddSeconds(-5), 43)]);
        var live = await CandlesAsync(s_minute, s_now.AddMinutes(-1), s_now.AddMinutes(1));

        // Assert
        Assert.Equal(12, after.Count);
        Assert.Equal(before, after);
        var current = Assert.Single(live);
        Assert.Equal((42d, 43d, 2L), (current.Open, current.Close, current.Ticks));
    }

    [Fact]
    public async Task A_late_tick_behind_retention_merges_into_its_candle_and_leaves_every_other_candle_as_it_was()
    {
        // Arrange: three days of a tick every minute, rolled up, then retention thins the raw ticks older than a day.
        var start = s_now.AddDays(-3);
        Store.Write(WithVolumes(Ticks("BTC", start, s_now, 60)));
        var rollup = Rollup();
        rollup.Roll();
        new RetentionService(Store, Options.Create(new RetentionOptions()), Telemetry(), _time, NullLogger<RetentionService>.Instance).Apply();
        var before = await CandlesAsync(s_minute, start, s_now);
        var minute = start.AddMinutes(30).AddSeconds(-30);
        var stored = Assert.Single(before, c => c.Time == minute);

        // Act: late ticks for that minute (its one stored tick came at :30) arrive now, as a redelivery or a back-fill
        // would: one at :10 above anything in it, one at :50 below, each with its volume; then both once more, as a redelivery.
        CryptoPrice[] late = [Tick("BTC", minute.AddSeconds(10), stored.High + 1_000, 1.5), Tick("BTC", minute.AddSeconds(50), stored.Low - 1_000, 2.25)];
        Store.Write([late[0]]);
        Store.Write([late[1]]);
        Assert.Equal(0, Store.Write(late));
        _time.Advance(s_minute);
        rollup.Roll();
        var after = await CandlesAsync(s_minute, start, s_now);

        // Assert: the same candles (volumes kept though retention thinned their ticks) but for that minute's, which opens
        // with the :10 tick, closes with the :50 one and adds their volumes once.
        Assert.Equal(before.Where(c => c.Time != minute), after.Where(c => c.Time != minute));
        Assert.Contains(before, c => c.Volume > 0);
        Assert.Equal(new Candle(minute, stored.High + 1_000, stored.High + 1_000, stored.Low - 1_000, stored.Low - 1_000, stored.Ticks + 2,
                stored.Volume + 3.75, stored.QuoteVolume + late.Sum(t => t.QuoteVolume!.Value)),
            Assert.Single(after, c => c.Time == minute));
    }

    private static TimeSpan[] Widths => [s_minute, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromDays(1)];

    private Task<IReadOnlyList<Candle>> CandlesAsync(TimeSpan width, DateTime from, DateTime to) =>
        Queries.GetCandlesAsync("BTC", "binance", width, from, to, TestContext.Current.CancellationToken);

    private CandleRollupService Rollup() => new(Store, Options.Create(new RollupOptions()), Telemetry(), _time,
        NullLogger<CandleRollupService>.Instance);

    private IngestTelemetry Telemetry() => _db.Telemetry();

    /// <summary>A tick every <paramref name="seconds"/> s in [from, to) on a deterministic zig-zag.</summary>
    private static List<CryptoPrice> Ticks(string symbol, DateTime from, DateTime to, int seconds)
    {
        var ticks = new List<CryptoPrice>();
        var i = 0;
        for (var t = from; t < to; t = t.AddSeconds(seconds), i++)
        {
            ticks.Add(Tick(symbol, t, 100_000 + (i * 37 % 101) - 50 + i * 0.5));
        }

        return ticks;
    }

    private static CryptoPrice Tick(string symbol, DateTime at, double price, double? volume = null) => new()
    {
        Name = symbol, Symbol = symbol, Price = price, PercentChange24h = 1, MarketCap = 1e12, Source = "binance",
        Timestamp = at, IngestionTimestamp = at.AddSeconds(1), ProducerId = "candle-tests",
        Volume = volume, QuoteVolume = volume * price,
    };

    /// <summary>
    /// Volumes in quarters on prices in halves, so that every sum is exact in any order; every fifth tick has none, as a
    /// source without volume sends.
    /// </summary>
    private static List<CryptoPrice> WithVolumes(List<CryptoPrice> ticks) =>
        [.. ticks.Select((t, i) => i % 5 == 4 ? t : t with { Volume = 0.25 * (i % 7 + 1), QuoteVolume = 0.25 * (i % 7 + 1) * t.Price })];

    /// <summary>The candles' expected (time, volume, quote volume, ticks), a tick without volume counting 0.</summary>
    private static List<(DateTime, double, double, long)> Sums(List<CryptoPrice> ticks, TimeSpan width) =>
    [
        .. ticks.GroupBy(t => new DateTime(t.EventTime.Ticks - t.EventTime.Ticks % width.Ticks, DateTimeKind.Utc))
            .Select(g => (g.Key, g.Sum(t => t.Volume ?? 0), g.Sum(t => t.QuoteVolume ?? 0), (long)g.Count())),
    ];

    public void Dispose() => _db.Dispose();
}
