using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Ingest.Forecasting;

/// <summary>Seeded synthetic close series with known properties.</summary>
internal static class SyntheticSeries
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A geometric random walk: no model can beat naive on it except by luck.</summary>
    public static double[] RandomWalk(int minutes, double sigma, int seed, double start = 100)
    {
        var random = new Random(seed);
        var closes = new double[minutes];
        closes[0] = start;
        for (var t = 1; t < minutes; t++)
        {
            closes[t] = closes[t - 1] * Math.Exp(sigma * Normal(random));
        }

        return closes;
    }

    /// <summary>A straight line plus small independent noise: the trend is there to be found.</summary>
    public static double[] Trend(int minutes, double slopePerMinute, double noise, int seed, double start = 100)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, minutes).Select(t => start + slopePerMinute * t + noise * Normal(random))];
    }

    public static MinuteSeries ToSeries(double[] closes, string name = "synthetic") =>
        MinuteSeries.FromCloses(name, closes.Select((close, t) => (Start.AddMinutes(t), close)));

    /// <summary>Box–Muller.</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
