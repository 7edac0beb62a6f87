namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// RiskMetrics-style volatility: an exponentially weighted mean of squared 1-minute log returns, taken in minute by
/// minute, so that <see cref="PerMinute"/> after minute t uses returns up to t only. Across missing minutes the return
/// is spread over the gap instead of counting as one huge 1-minute move.
/// </summary>
public sealed class EwmaVolatility(int halfLifeMinutes)
{
    /// <summary>Never zero, so that a flat stretch does not make intervals collapse or residuals infinite.</summary>
    public const double Floor = 1e-5;

    private readonly double _alpha = 1 - Math.Pow(0.5, 1.0 / halfLifeMinutes);
    private double _variance;
    private int _seen;
    private int _lastMinute = -1;
    private double _lastClose;

    /// <summary>The volatility per minute after the minutes observed so far.</summary>
    public double PerMinute => Math.Max(Math.Sqrt(_variance), Floor);

    /// <summary>Takes in the close of an observed minute; minutes come in order.</summary>
    public void Observe(int minute, double close)
    {
        if (_lastMinute >= 0)
        {
            var gap = minute - _lastMinute;
            var r = Math.Log(close / _lastClose);
            _seen++;
            // Until the half-life is filled, a plain mean is a steadier start than weights on a few returns.
            var weight = Math.Max(_alpha, 1.0 / _seen);
            _variance += weight * (r * r / gap - _variance);
        }

        (_lastMinute, _lastClose) = (minute, close);
    }
}
