namespace CryptoViz.Ingest.Forecasting;

/// <summary>One model at one horizon in a walk: its interval calibration, its forecasts waiting for their target minute, its scores.</summary>
internal sealed class ForecastLane(IForecastModel model, int horizon, EwmaVolatility sigma, IntervalCalibrator calibrator, ScoreAccumulator reported)
{
    private readonly Queue<HeldForecast> _pending = new();

    public IForecastModel Model => model;

    public int Horizon => horizon;

    public EwmaVolatility Sigma => sigma;

    public IntervalCalibrator Calibrator => calibrator;

    /// <summary>The scored forecasts whose target minute has passed: what a selection at the current origin may know.</summary>
    public ScoreAccumulator Known { get; } = new();

    /// <summary>Those of them that the backtest reports (all, unless it reports a stretch of origins only).</summary>
    public ScoreAccumulator Reported => reported;

    public void Hold(HeldForecast forecast) => _pending.Enqueue(forecast);

    /// <summary>Takes the next forecast whose target minute is at or before <paramref name="now"/>; targets only grow, so a queue suffices.</summary>
    public bool TryTakeDue(int now, out HeldForecast forecast)
    {
        if (_pending.TryPeek(out forecast) && forecast.Target <= now)
        {
            _pending.Dequeue();
            return true;
        }

        return false;
    }
}
