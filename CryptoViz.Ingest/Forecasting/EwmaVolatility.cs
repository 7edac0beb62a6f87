namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// RiskMetrics-style volatility: an exponentially weighted mean of squared 1-minute log returns. The value at
/// index t uses returns up to t only. Across missing minutes the return is spread over the gap instead of
/// counting as one huge 1-minute move. Kept incrementally, because a live walk appends minutes as they close.
/// </summary>
public sealed class EwmaVolatility(int halfLifeMinutes)
{
    /// <summary>Never zero, so that a flat stretch does not make intervals collapse or residuals infinite.</summary>
    public const double Floor = 1e-5;

    private readonly double _alpha = 1 - Math.Pow(0.5, 1.0 / halfLifeMinutes);
    private readonly List<double> _sigma = [];
    private double _variance;
    private int _seen;
    private int _lastObserved;

    /// <summary>The volatility per minute at index <paramref name="t"/>.</summary>
    public double this[int t] => _sigma[t];

    /// <summary>Catches up with a series that continues the one seen so far.</summary>
    public void Extend(ReadOnlySpan<double> closes, ReadOnlySpan<bool> observed)
    {
        for (var t = _sigma.Count; t < closes.Length; t++)
        {
            if (t > 0 && observed[t])
            {
                var gap = t - _lastObserved;
                var r = Math.Log(closes[t] / closes[_lastObserved]);
                _seen++;
                // Until the half-life is filled, a plain mean is a steadier start than weights on a few returns.
                var weight = Math.Max(_alpha, 1.0 / _seen);
                _variance += weight * (r * r / gap - _variance);
            }

            if (observed[t])
            {
                _lastObserved = t;
            }

            _sigma.Add(Math.Max(Math.Sqrt(_variance), Floor));
        }
    }
}
