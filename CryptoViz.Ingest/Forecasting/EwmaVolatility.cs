namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// RiskMetrics-style volatility: an exponentially weighted mean of squared 1-minute log returns. The value at
/// index t uses returns up to t only. Across missing minutes the return is spread over the gap instead of
/// counting as one huge 1-minute move.
/// </summary>
public static class EwmaVolatility
{
    /// <summary>Never zero, so that a flat stretch does not make intervals collapse or residuals infinite.</summary>
    public const double Floor = 1e-5;

    public static double[] PerMinute(MinuteSeries series, int halfLifeMinutes)
    {
        var alpha = 1 - Math.Pow(0.5, 1.0 / halfLifeMinutes);
        var sigma = new double[series.Length];
        var variance = 0.0;
        var seen = 0;
        var lastObserved = 0;
        for (var t = 0; t < series.Length; t++)
        {
            if (t > 0 && series.Observed[t])
            {
                var gap = t - lastObserved;
                var r = Math.Log(series.Closes[t] / series.Closes[lastObserved]);
                seen++;
                // Until the half-life is filled, a plain mean is a steadier start than weights on a few returns.
                var weight = Math.Max(alpha, 1.0 / seen);
                variance += weight * (r * r / gap - variance);
            }

            if (series.Observed[t])
            {
                lastObserved = t;
            }

            sigma[t] = Math.Max(Math.Sqrt(variance), Floor);
        }

        return sigma;
    }
}
