using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>
/// CoinGecko's chart points as 1-minute candles (docs/data-sources.md#coingecko-market-chart-range). A point is a price
/// at a moment, so its candle has four equal prices, at the point's minute; of several points in one minute the last
/// stands. <c>total_volumes</c> is the trailing 24 h volume at each point, not what traded since the previous one: a
/// point stands for the time since the previous point, so it gets that share of the 24 h volume as its quote volume,
/// and the quote volume over its price as its base volume. The first point stands for as long as the gap to the next;
/// a lone point, or one without a 24 h volume, has no volume.
/// </summary>
internal static class CoinGeckoChartCandles
{
    private const double MillisecondsPerDay = 24 * 60 * 60 * 1000;

    /// <summary>The largest Unix millisecond a <see cref="DateTime"/> holds.</summary>
    private const double MaxUnixMilliseconds = 253_402_300_799_999;

    /// <returns>The candles of [<paramref name="from"/>, <paramref name="to"/>) in time order, and how many points were unusable.</returns>
    public static (List<HistoryCandle> Candles, int Rejected) Read(CoinGeckoMarketChart chart, DateTime from, DateTime to)
    {
        var rejected = 0;
        var points = new List<(long Ms, double Price)>();
        foreach (var point in chart.Prices ?? [])
        {
            if (point is [{ } ms, { } price, ..] && IsTime(ms) && double.IsFinite(price) && price > 0) points.Add(((long)ms, price));
            else rejected++;
        }

        var volumes = new Dictionary<long, double>();
        foreach (var point in chart.TotalVolumes ?? [])
        {
            if (point is [{ } ms, { } volume, ..] && IsTime(ms) && double.IsFinite(volume) && volume >= 0) volumes[(long)ms] = volume;
        }

        var kept = LastOfEachMinute(points);
        var candles = new List<HistoryCandle>(kept.Count);
        for (var i = 0; i < kept.Count; i++)
        {
            var (ms, price) = kept[i];
            var time = DateTime.UnixEpoch.AddMilliseconds(ms - ms % 60_000);
            if (time < from || time >= to) continue;

            long? span = i > 0 ? ms - kept[i - 1].Ms : kept.Count > 1 ? kept[1].Ms - ms : null;
            double? quoteVolume = span is { } s && volumes.TryGetValue(ms, out var volume24h) ? volume24h * s / MillisecondsPerDay : null;
            candles.Add(new HistoryCandle
            {
                Time = time,
                Open = price,
                High = price,
                Low = price,
                Close = price,
                Volume = quoteVolume / price,
                QuoteVolume = quoteVolume,
            });
        }

        return (candles, rejected);
    }

    private static bool IsTime(double ms) => ms is >= 0 and <= MaxUnixMilliseconds && ms == Math.Floor(ms);

    private static List<(long Ms, double Price)> LastOfEachMinute(List<(long Ms, double Price)> points)
    {
        // Stable, so of two points at the same millisecond the later in the payload stays last.
        var ordered = points.OrderBy(p => p.Ms).ToList();
        var kept = new List<(long Ms, double Price)>(ordered.Count);
        foreach (var point in ordered)
        {
            if (kept.Count > 0 && kept[^1].Ms / 60_000 == point.Ms / 60_000) kept[^1] = point;
            else kept.Add(point);
        }

        return kept;
    }
}
