using System.Diagnostics;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Scale-free features of a close series at a minute t, from closes up to t only: log returns over several lags,
/// each divided by the EWMA volatility at t over that lag, and the ratio of fast to slow volatility. Kept
/// incrementally because the walk-forward shows ever longer prefixes of one series.
/// </summary>
internal sealed class ReturnFeatures
{
    public static readonly int[] Lags = [1, 2, 5, 15, 60, 240];

    /// <summary>One feature per lag, and the volatility ratio; a constant because ML.NET's vector column needs one.</summary>
    public const int Count = 7;

    public static int MaxLag => Lags[^1];

    private const int FastHalfLife = 30;
    private const int SlowHalfLife = 1440;

    private readonly List<double> _logCloses = [];
    private readonly List<double> _fastSigma = [];
    private readonly List<double> _slowSigma = [];
    private double _fastVariance;
    private double _slowVariance;

    public int Length => _logCloses.Count;

    /// <summary>Catches up with <paramref name="history"/>; a history that is not a continuation starts over.</summary>
    public void Extend(ReadOnlySpan<double> history)
    {
        if (history.Length < _logCloses.Count)
        {
            _logCloses.Clear();
            _fastSigma.Clear();
            _slowSigma.Clear();
            (_fastVariance, _slowVariance) = (0, 0);
        }

        for (var t = _logCloses.Count; t < history.Length; t++)
        {
            _logCloses.Add(Math.Log(history[t]));
            var r2 = t == 0 ? 0 : Math.Pow(_logCloses[t] - _logCloses[t - 1], 2);
            _fastVariance += Weight(FastHalfLife, t) * (r2 - _fastVariance);
            _slowVariance += Weight(SlowHalfLife, t) * (r2 - _slowVariance);
            _fastSigma.Add(Math.Max(Math.Sqrt(_fastVariance), EwmaVolatility.Floor));
            _slowSigma.Add(Math.Max(Math.Sqrt(_slowVariance), EwmaVolatility.Floor));
        }
    }

    /// <summary>The volatility the features and the label are scaled by.</summary>
    public double Sigma(int t) => _slowSigma[t];

    public void Write(int t, Span<float> features)
    {
        Debug.Assert(features.Length == Count && Lags.Length + 1 == Count);
        var sigma = Sigma(t);
        for (var i = 0; i < Lags.Length; i++)
        {
            features[i] = (float)((_logCloses[t] - _logCloses[t - Lags[i]]) / (sigma * Math.Sqrt(Lags[i])));
        }

        features[Lags.Length] = (float)(_fastSigma[t] / sigma);
    }

    /// <summary>The h-minute log return after t in units of σ√h: what the trees learn.</summary>
    public double Label(int t, int horizon) => (_logCloses[t + horizon] - _logCloses[t]) / (Sigma(t) * Math.Sqrt(horizon));

    private static double Weight(int halfLife, int seen) => Math.Max(1 - Math.Pow(0.5, 1.0 / halfLife), 1.0 / Math.Max(seen, 1));
}
