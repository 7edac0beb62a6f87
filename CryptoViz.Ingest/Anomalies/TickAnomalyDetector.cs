using System.Globalization;

namespace CryptoViz.Ingest.Anomalies;

/// <summary>
/// Flags ticks of one series (one symbol from one source) whose log return is more than
/// <see cref="Threshold"/> robust standard deviations from the median of the last <see cref="Window"/> returns.
/// Median and MAD instead of mean and standard deviation, so that one earlier spike does not hide the next.
/// A flagged return still enters the window: a lasting change in volatility stops being flagged.
/// </summary>
public sealed class TickAnomalyDetector(int window = 120, double threshold = 6, int minimumReturns = 30)
{
    /// <summary>MAD × 1.4826 estimates σ for normal data.</summary>
    private const double MadToSigma = 1.4826;

    /// <summary>
    /// Quotes often repeat (a provider's cache) or glide (a replayed candle's path), which makes the MAD tiny; a tick
    /// move of a few basis points is market noise whatever the recent calm, so σ never counts below 5 bp: with the
    /// default threshold only a move of 0.3 % or more in one tick can be news.
    /// </summary>
    private const double MinimumSigma = 5e-4;

    private readonly Queue<double> _returns = new();
    private double? _previous;

    public int Window => window;

    public double Threshold => threshold;

    public PriceAnomaly? Observe(DateTimeOffset time, double price)
    {
        if (!double.IsFinite(price) || price <= 0)
        {
            return null;
        }

        var previous = _previous;
        _previous = price;
        if (previous is not { } last)
        {
            return null;
        }

        var r = Math.Log(price / last);
        var anomaly = _returns.Count >= minimumReturns ? Judge(time, price, last, r) : null;
        _returns.Enqueue(r);
        if (_returns.Count > window)
        {
            _returns.Dequeue();
        }

        return anomaly;
    }

    private PriceAnomaly? Judge(DateTimeOffset time, double price, double previous, double r)
    {
        var sorted = _returns.Order().ToArray();
        var median = Median(sorted);
        var deviations = sorted.Select(x => Math.Abs(x - median)).Order().ToArray();
        var sigma = Math.Max(MadToSigma * Median(deviations), MinimumSigma);
        var score = (r - median) / sigma;
        if (Math.Abs(score) < threshold)
        {
            return null;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{(r > 0 ? "jump" : "drop")} of {price / previous - 1:+0.###%;-0.###%} from {previous:G6} to {price:G6} is {Math.Abs(score):0.0} robust σ from the median of the last {sorted.Length} tick returns (σ ≈ {sigma:0.####%} per tick)");
        return new PriceAnomaly(time, price, previous, r, score, reason);
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
