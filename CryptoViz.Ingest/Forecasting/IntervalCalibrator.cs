namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// The prediction interval of one model at one horizon: the forecast times exp(q · σ√h), where σ is the EWMA
/// volatility at the origin and q are the tracked 5 % and 95 % quantiles of the model's past standardized log
/// errors. Errors are fed in only once their target time has passed (see <see cref="WalkForwardBacktest"/>).
/// </summary>
public sealed class IntervalCalibrator(double coverage, double step)
{
    // A normal distribution's quantiles are only the starting point; the trackers move off them within a few
    // hundred errors.
    private const double NormalQuantile90 = 1.6448536269514722;

    private readonly QuantileTracker _lower = new((1 - coverage) / 2, -NormalQuantile90, step);
    private readonly QuantileTracker _upper = new((1 + coverage) / 2, NormalQuantile90, step);

    public (double Lower, double Upper) Interval(double central, double scale) =>
        (central * Math.Exp(_lower.Value * scale), central * Math.Exp(Math.Max(_upper.Value, _lower.Value) * scale));

    /// <summary>The standardized error of a forecast whose target is now known.</summary>
    public static double StandardizedError(double central, double actual, double scale) => Math.Log(actual / central) / scale;

    public void Observe(double standardizedError)
    {
        // A trend extrapolated through a crash can forecast a price at or below zero: its log error is undefined,
        // and one NaN would poison the trackers for good. Such a forecast is still scored, just not learnt from.
        if (!double.IsFinite(standardizedError))
        {
            return;
        }

        _lower.Observe(standardizedError);
        _upper.Observe(standardizedError);
    }
}
