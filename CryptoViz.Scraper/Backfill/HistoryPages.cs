using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>Cuts the candles of one range into pages of at most <see cref="CandleBatch.MaxCandles"/> that tile the range.</summary>
public static class HistoryPages
{
    /// <param name="candles">In time order, each within [<paramref name="from"/>, <paramref name="to"/>).</param>
    /// <returns>
    /// Oldest first; each page ends where the next page's first candle starts and the last at <paramref name="to"/>, so
    /// stretches without candles belong to a page too. No candles at all still make one (empty) page.
    /// </returns>
    public static IEnumerable<HistoryPage> Split(DateTime from, DateTime to, IReadOnlyList<HistoryCandle> candles)
    {
        var start = from;
        for (var first = 0; ; first += CandleBatch.MaxCandles)
        {
            var next = first + CandleBatch.MaxCandles;
            var end = next < candles.Count ? candles[next].Time : to;
            yield return new HistoryPage(start, end, [.. candles.Skip(first).Take(CandleBatch.MaxCandles)]);
            if (next >= candles.Count) yield break;
            start = end;
        }
    }
}
