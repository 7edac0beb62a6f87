namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Exponential smoothing of log returns: the last close carried forward at the smoothed drift. With a long
/// half-life the drift is small, so this is the naive forecast plus what the recent days say about direction.
/// </summary>
public sealed class DriftModel(int halfLifeMinutes = 1440) : IForecastModel
{
    private readonly double _alpha = 1 - Math.Pow(0.5, 1.0 / halfLifeMinutes);
    private int _seen;
    private double _drift;

    public string Name => "ewma_drift";

    public double Forecast(ReadOnlySpan<double> history, int horizon)
    {
        // The smoothed drift is kept incrementally: the walk-forward shows this model ever longer prefixes of the
        // same series. A shorter or different series starts it again.
        if (history.Length < _seen)
        {
            (_seen, _drift) = (0, 0);
        }

        for (var i = Math.Max(_seen, 1); i < history.Length; i++)
        {
            _drift += _alpha * (Math.Log(history[i] / history[i - 1]) - _drift);
        }

        _seen = history.Length;
        return history[^1] * Math.Exp(_drift * horizon);
    }
}
