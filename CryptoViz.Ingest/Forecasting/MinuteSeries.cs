using CryptoViz.Contracts.Klines;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Closes on a regular 1-minute grid, so that a horizon of h minutes is h steps. Missing minutes (exchange outages,
/// collector holes) carry the last close forward and are marked unobserved: they are never forecast from or scored.
/// </summary>
public sealed record MinuteSeries(string Name, DateTimeOffset Start, double[] Closes, bool[] Observed)
{
    public int Length => Closes.Length;

    public DateTimeOffset TimeAt(int index) => Start.AddMinutes(index);

    /// <summary>The <paramref name="length"/> minutes from index <paramref name="start"/> on.</summary>
    public MinuteSeries Slice(int start, int length) =>
        new(Name, TimeAt(start), Closes[start..(start + length)], Observed[start..(start + length)]);

    /// <summary>Bars in any order; duplicates keep the last one read; seconds within a minute are dropped.</summary>
    public static MinuteSeries FromKlines(string name, IEnumerable<Kline> klines) =>
        FromCloses(name, klines.Select(k => (k.OpenTime, k.Close)));

    public static MinuteSeries FromCloses(string name, IEnumerable<(DateTimeOffset Time, double Close)> closes)
    {
        var byMinute = new SortedDictionary<long, double>();
        foreach (var (time, close) in closes)
        {
            byMinute[time.ToUnixTimeSeconds() / 60] = close;
        }

        if (byMinute.Count == 0)
        {
            return new MinuteSeries(name, DateTimeOffset.UnixEpoch, [], []);
        }

        var first = byMinute.Keys.First();
        var length = checked((int)(byMinute.Keys.Last() - first + 1));
        var values = new double[length];
        var observed = new bool[length];
        foreach (var (minute, close) in byMinute)
        {
            values[minute - first] = close;
            observed[minute - first] = true;
        }

        for (var i = 1; i < length; i++)
        {
            if (!observed[i])
            {
                values[i] = values[i - 1];
            }
        }

        return new MinuteSeries(name, DateTimeOffset.FromUnixTimeSeconds(first * 60), values, observed);
    }
}
