using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest.Forecasting;

/// <summary>
/// The forecasts' reads on a real DuckDB file, across the candle horizon (stored candles before it, raw ticks after):
/// one series' closes are that series' rows of the all-series read, and the counts are what that read holds.
/// </summary>
public sealed class MinuteCloseQueryTests : IDisposable
{
    private static readonly DateTime s_now = new(2025, 9, 10, 12, 30, 30, DateTimeKind.Utc);
    private readonly TempPriceStore _db = new("minute-closes");

    [Fact]
    public async Task One_series_closes_and_the_counts_agree_with_the_read_of_every_series()
    {
        var store = _db.Store;
        var start = s_now.AddHours(-2);
        // BTC every 10 s; ETH every 90 s, so that some of its minutes have no close.
        store.Write([.. Ticks("BTC", "alpha", start, s_now.AddMinutes(-30), 10), .. Ticks("ETH", "beta", start, s_now.AddMinutes(-30), 90)]);
        _db.RollUp(s_now.AddMinutes(-30));
        store.Write([.. Ticks("BTC", "alpha", s_now.AddMinutes(-30), s_now, 10), .. Ticks("ETH", "beta", s_now.AddMinutes(-30), s_now, 90)]);
        var queries = new SeriesQueries(store);
        var (from, to) = (start.AddMinutes(-5), s_now.AddSeconds(-30));

        var all = await queries.GetMinuteClosesAsync(from, to, TestContext.Current.CancellationToken);
        var counts = await queries.GetMinuteCountsAsync(from, to, TestContext.Current.CancellationToken);

        Assert.NotNull(store.CandleHorizon.Value);
        Assert.Equal(
            all.CountBy(close => (close.Symbol, close.Source)).Select(count => (count.Key, count.Value)).Order(),
            counts.Select(count => (((string, string))count.Key, count.Value)).Order());
        Assert.Equal(120, counts[("BTC", "alpha")]);
        Assert.InRange(counts[("ETH", "beta")], 60, 119);
        foreach (var (symbol, source) in counts.Keys)
        {
            var one = await queries.GetMinuteClosesAsync(symbol, source, from, to, TestContext.Current.CancellationToken);
            Assert.Equal(all.Where(close => close.Symbol == symbol && close.Source == source), one);
        }
    }

    private static IEnumerable<CryptoPrice> Ticks(string symbol, string source, DateTime from, DateTime to, int seconds)
    {
        var i = 0;
        for (var at = from; at < to; at = at.AddSeconds(seconds), i++)
        {
            yield return new CryptoPrice
            {
                Name = symbol, Symbol = symbol, Price = 100 + i % 7, MarketCap = 1e9, Source = source,
                Timestamp = at, IngestionTimestamp = at, ProducerId = "minute-close-tests",
            };
        }
    }

    public void Dispose() => _db.Dispose();
}
