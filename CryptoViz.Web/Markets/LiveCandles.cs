namespace CryptoViz.Web.Markets;

/// <summary>Keeps the last bar of a stored history moving with live ticks, at any bar width.</summary>
public static class LiveCandles
{
    /// <summary>
    /// The bar after a tick at <paramref name="time"/> (Unix s) that traded <paramref name="volume"/>: the last bar extended,
    /// a new bar, or null for a late tick.
    /// </summary>
    public static Candle? Fold(Candle? last, long time, double price, double volume, long intervalSeconds)
    {
        var bucket = UnixTime.Bucket(time, intervalSeconds);
        if (last is null || bucket > last.Time)
        {
            return new Candle(bucket, price, price, price, price, volume);
        }

        // The chart can only extend its last bar: a tick for an older bar is left to the stored history.
        return bucket == last.Time ? last.With(price, volume) : null;
    }

    /// <summary>Merges narrower bars into <paramref name="intervalSeconds"/>-wide ones (used when Ingest has no history to give).</summary>
    public static IReadOnlyList<Candle> Rebucket(IEnumerable<Candle> candles, long intervalSeconds) =>
    [
        .. candles.GroupBy(c => UnixTime.Bucket(c.Time, intervalSeconds))
            .OrderBy(g => g.Key)
            .Select(g => new Candle(g.Key, g.First().Open, g.Max(c => c.High), g.Min(c => c.Low), g.Last().Close, g.Sum(c => c.Volume))),
    ];
}
