using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// History pages (<c>crypto-candles</c>) stored into the candle tables on a real DuckDB file: once each whatever the
/// redeliveries, never over a candle that live ticks made, waiting for the rollup where it has not passed yet, and
/// reported back as coverage so that a backfill asks only for what is missing.
/// </summary>
public sealed class HistoryStoreTests : IDisposable
{
    private static readonly DateTime s_now = new(2025, 9, 10, 12, 30, 30, DateTimeKind.Utc);
    private static readonly DateTime s_minuteNow = new(2025, 9, 10, 12, 30, 0, DateTimeKind.Utc);
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    private readonly TempPriceStore _db = new("history");

    private PriceStore Store => _db.Store;

    private PriceQueries Queries => new(_db.Store);

    [Fact]
    public async Task History_before_the_first_rollup_waits_for_it_then_reads_as_candles_and_a_redelivery_adds_nothing()
    {
        // Arrange: two pages of three hours ending an hour ago, on a store that has never rolled up.
        var from = s_minuteNow.AddHours(-4);
        var pages = BackfillPages.Pages("BTC", "replay", from, from.AddHours(3), every: 1);

        // Act
        var first = Store.Write(new PriceRows(), HistoryRows.Of(pages));
        _db.RollUp(s_now);
        var stored = await CandlesAsync("BTC", "replay", s_minute, from, s_now);
        var again = Store.Write(new PriceRows(), HistoryRows.Of(pages));
        _db.RollUp(s_now);

        // Assert: 180 candles, each as the page had it (no ticks of its own), stored once.
        Assert.Equal(new StoreResult(0, 180), first);
        Assert.Equal(new StoreResult(0, 0), again);
        Assert.Equal(pages.SelectMany(p => p.Candles).Select(BackfillPages.AsCandle), stored);
        Assert.Equal(stored, await CandlesAsync("BTC", "replay", s_minute, from, s_now));
    }

    [Fact]
    public async Task History_never_replaces_a_candle_of_live_ticks_and_late_ticks_replace_a_history_candle()
    {
        // Arrange: half an hour of live ticks, rolled up.
        var liveFrom = s_minuteNow.AddMinutes(-30);
        Store.Write([.. Enumerable.Range(0, 180).Select(i => Tick("ETH", "replay", liveFrom.AddSeconds(10 * i), 2_000 + i % 7))]);
        _db.RollUp(s_now);
        var live = await CandlesAsync("ETH", "replay", s_minute, liveFrom, s_now);

        // Act: history for the hour before now, overlapping the live half hour; then a late live tick inside a history minute.
        var pages = BackfillPages.Pages("ETH", "replay", s_minuteNow.AddHours(-1), s_minuteNow, every: 1);
        var result = Store.Write(new PriceRows(), HistoryRows.Of(pages));
        var lateMinute = s_minuteNow.AddMinutes(-45);
        var history = pages.SelectMany(p => p.Candles).Single(c => c.Time == lateMinute);
        Store.Write([Tick("ETH", "replay", lateMinute.AddSeconds(20), history.High + 5, volume: 2)]);
        var candles = await CandlesAsync("ETH", "replay", s_minute, s_minuteNow.AddHours(-1), s_now);

        // Assert: only the 30 minutes without live candles took history; the live ones are as they were.
        Assert.Equal(30, result.Candles);
        Assert.Equal(live, candles.Where(c => c.Time >= liveFrom));
        Assert.Equal(pages.SelectMany(p => p.Candles).Where(c => c.Time < liveFrom && c.Time != lateMinute).Select(BackfillPages.AsCandle),
            candles.Where(c => c.Time < liveFrom && c.Time != lateMinute));
        // A minute's candle is its ticks' whenever it has any, whichever came first (docs/lake.md#history).
        var price = history.High + 5;
        Assert.Equal(new Candle(lateMinute, price, price, price, price, 1, 2, 2 * price), candles.Single(c => c.Time == lateMinute));
    }

    [Fact]
    public async Task Of_two_pages_for_a_minute_the_first_published_fills_it_in_one_batch_as_in_two()
    {
        // Arrange: a backfill's page and a later one for the same hour with other prices (a provider that revised them).
        var from = s_minuteNow.AddHours(-3);
        var first = BackfillPages.Pages("SOL", "replay", from, from.AddHours(1), every: 1);
        var revised = first.Select(p => p with { Candles = [.. p.Candles.Select(c => c with { Open = c.Open + 1, High = c.High + 1, Low = c.Low + 1, Close = c.Close + 1 })] }).ToList();
        var later = BackfillPages.Pages("ADA", "replay", from, from.AddHours(1), every: 1);

        // Act: SOL's two pages in one batch; ADA's first page, then the revised one in a batch of its own.
        Store.Write(new PriceRows(), HistoryRows.Of([.. first, .. revised]));
        Store.Write(new PriceRows(), HistoryRows.Of(later));
        Store.Write(new PriceRows(), HistoryRows.Of(later.Select(p => p with { Symbol = "ADA", Candles = [.. p.Candles.Select(c => c with { Close = c.Close + 1, High = c.High + 1 })] })));
        _db.RollUp(s_now);

        // Assert
        Assert.Equal(first.SelectMany(p => p.Candles).Select(BackfillPages.AsCandle), await CandlesAsync("SOL", "replay", s_minute, from, s_now));
        Assert.Equal(later.SelectMany(p => p.Candles).Select(BackfillPages.AsCandle), await CandlesAsync("ADA", "replay", s_minute, from, s_now));
    }

    [Fact]
    public async Task A_series_live_for_minutes_with_a_backfilled_past_has_its_1h_and_24h_change_from_the_candles()
    {
        // Arrange: two days of history up to half an hour ago, rolled up; live since five minutes ago.
        var pages = BackfillPages.Pages("ETH", "replay", s_minuteNow.AddDays(-2), s_minuteNow.AddMinutes(-30), every: 1);
        Store.Write(new PriceRows(), HistoryRows.Of(pages));
        _db.RollUp(s_now);
        var at = s_now.AddMinutes(-5);
        Store.Write([Tick("ETH", "replay", at, 150)]);

        // Act
        var eth = (await Queries.GetCoinsAsync(CancellationToken.None)).Single();

        // Assert: against the close of the last candle that had ended an hour and a day before the quote.
        var candles = pages.SelectMany(p => p.Candles).ToList();
        var close1h = candles.Last(c => c.Time + s_minute <= at.AddHours(-1)).Close;
        var close24h = candles.Last(c => c.Time + s_minute <= at.AddDays(-1)).Close;
        Assert.Equal((150 - close1h) / close1h * 100, eth.ChangePercent1h!.Value, 9);
        Assert.Equal((150 - close24h) / close24h * 100, eth.ChangePercent24h!.Value, 9);
    }

    [Fact]
    public async Task Coverage_joins_stored_pending_and_raw_minutes_and_covered_ranges_and_bridges_holes_up_to_the_gap()
    {
        // Arrange
        // BTC: live ticks 3 h to 2 h ago, rolled up, with a 3-minute hole and a 10-minute hole.
        var btcFrom = s_minuteNow.AddHours(-3);
        var btc = Enumerable.Range(0, 180).Select(i => btcFrom.AddSeconds(20 * i))
            .Where(t => !(t >= btcFrom.AddMinutes(10) && t < btcFrom.AddMinutes(13)) && !(t >= btcFrom.AddMinutes(30) && t < btcFrom.AddMinutes(40)))
            .Select(t => Tick("BTC", "binance", t, 60_000));
        // ETH: the last 20 minutes of live ticks, after the rollup: raw.
        var eth = Enumerable.Range(0, 60).Select(i => Tick("ETH", "simulated", s_minuteNow.AddMinutes(-20).AddSeconds(20 * i), 2_000));
        // SOL: hourly points only, a day's page: covered as a whole although most minutes are empty.
        var sol = BackfillPages.Pages("SOL", "coingecko", s_minuteNow.AddDays(-2), s_minuteNow.AddDays(-1), every: 60);
        Store.Write(PriceRows.Of(btc), HistoryRows.Of(sol));
        _db.RollUp(s_minuteNow.AddMinutes(-25));
        Store.Write(PriceRows.Of(eth));
        // XRP: a page ahead of the rollup, still pending.
        Store.Write(new PriceRows(), HistoryRows.Of(BackfillPages.Pages("XRP", "replay", s_minuteNow.AddMinutes(-5), s_minuteNow.AddMinutes(1), every: 1)));

        // Act
        var coverage = await new SeriesQueries(_db.Store).GetCoverageAsync(s_minuteNow.AddDays(-7), TimeSpan.FromMinutes(5), CancellationToken.None);

        // Assert
        Assert.Equal(
        [
            new("BTC", "binance", s_minuteNow.AddHours(-3), s_minuteNow.AddHours(-3).AddMinutes(30)),
            new("BTC", "binance", s_minuteNow.AddHours(-3).AddMinutes(40), s_minuteNow.AddHours(-2)),
            new("ETH", "simulated", s_minuteNow.AddMinutes(-20), s_minuteNow),
            new("SOL", "coingecko", s_minuteNow.AddDays(-2), s_minuteNow.AddDays(-1)),
            new CoveredRange("XRP", "replay", s_minuteNow.AddMinutes(-5), s_minuteNow.AddMinutes(1)),
        ], coverage);
    }

    private static CryptoPrice Tick(string symbol, string source, DateTime at, double price, double? volume = null) => new()
    {
        Name = symbol,
        Symbol = symbol,
        Price = price,
        MarketCap = 0,
        Source = source,
        Timestamp = at,
        IngestionTimestamp = at,
        ProducerId = "test",
        Volume = volume,
        QuoteVolume = volume * price,
    };

    private Task<IReadOnlyList<Candle>> CandlesAsync(string symbol, string source, TimeSpan width, DateTime from, DateTime to) =>
        Queries.GetCandlesAsync(symbol, source, width, from, to, CancellationToken.None);

    public void Dispose() => _db.Dispose();
}
