namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Walks a series forward in time. At each origin t every model forecasts every horizon h from the closes up to t
/// only; the error of that forecast reaches the model's interval calibration only when the walk reaches t + h.
/// Past the warm-up, forecasts whose target is an observed minute are scored against naive on the same points.
/// The served model per horizon is the lowest-MAE model that beats naive, else naive; the selection is also walked
/// forward (at each origin, the model that rule picks from the scores known by then), and that out-of-sample score is
/// what the served row reports as its selection score.
/// </summary>
public sealed class WalkForwardBacktest(BacktestSettings settings)
{
    /// <param name="series">The closes.</param>
    /// <param name="challengers">Fresh model instances for this series (models may keep state); naive is added.</param>
    /// <param name="observe">Sees every forecast as it is made.</param>
    public BacktestResult Run(MinuteSeries series, IReadOnlyList<IForecastModel> challengers, Action<ForecastRecord>? observe = null)
    {
        IForecastModel[] models = [new NaiveModel(), .. challengers];
        var horizons = settings.Horizons;
        // A 4 h interval needs the volatility of hours, not of the last few minutes.
        var sigmas = horizons.Select(h => EwmaVolatility.PerMinute(series, Math.Max(settings.VolatilityHalfLifeMinutes, h))).ToArray();
        var lanes = new Lane[models.Length, horizons.Length];
        for (var m = 0; m < models.Length; m++)
        {
            for (var k = 0; k < horizons.Length; k++)
            {
                lanes[m, k] = new Lane(models[m], horizons[k], sigmas[k], new IntervalCalibrator(settings.Coverage, CalibrationStep(horizons[k])));
            }
        }

        var closes = series.Closes;
        var selections = horizons.Select(_ => new ScoreAccumulator()).ToArray();
        // A short series still gets two thirds of its origins scored.
        var warmup = Math.Min(settings.WarmupMinutes, series.Length / 3);
        for (var t = settings.MinimumHistoryMinutes - 1; t < series.Length; t += settings.OriginStep)
        {
            if (!series.Observed[t])
            {
                continue;
            }

            var history = closes.AsSpan(0, t + 1);
            for (var k = 0; k < horizons.Length; k++)
            {
                for (var m = 0; m < models.Length; m++) lanes[m, k].Release(t);
                // Picked from the errors whose target minute has passed, before this origin's forecasts are known.
                var selected = Select(lanes, k, lane => lane.Known);
                var target = t + horizons[k];
                var known = target < series.Length && series.Observed[target];
                var scored = known && t >= warmup;
                for (var m = 0; m < models.Length; m++)
                {
                    var lane = lanes[m, k];
                    var scale = lane.Sigma[t] * Math.Sqrt(lane.Horizon);
                    var central = lane.Model.Forecast(history, lane.Horizon);
                    var (lower, upper) = lane.Calibrator.Interval(central, scale);
                    observe?.Invoke(new ForecastRecord(lane.Model.Name, lane.Horizon, t, central, lower, upper));
                    if (!known) continue;
                    var outcome = new Outcome(closes[t], closes[target], central, lower, upper);
                    lane.Hold(target, IntervalCalibrator.StandardizedError(central, closes[target], scale), scored ? outcome : null);
                    if (!scored) continue;
                    lane.Score.Add(outcome);
                    if (m == selected) selections[k].Add(outcome);
                }
            }
        }

        return new BacktestResult(series.Name, Scores(series.Name, lanes, selections), Latest(series, lanes));
    }

    /// <summary>The lowest-MAE model that beats naive by <paramref name="score"/>, else naive (index 0).</summary>
    private int Select(Lane[,] lanes, int horizon, Func<Lane, ScoreAccumulator> score)
    {
        var pointsPerHorizon = lanes[0, horizon].Horizon / (double)settings.OriginStep;
        var selected = 0;
        for (var m = 1; m < lanes.GetLength(0); m++)
        {
            if (score(lanes[m, horizon]).BeatsNaive(pointsPerHorizon) && score(lanes[m, horizon]).AbsoluteError < score(lanes[selected, horizon]).AbsoluteError)
            {
                selected = m;
            }
        }

        return selected;
    }

    /// <summary>
    /// At horizon h about h / step errors are still pending when one arrives, so a full step per error would make
    /// the quantile trackers overshoot and oscillate (and lose coverage); the step shrinks with the square root of
    /// that delay.
    /// </summary>
    private double CalibrationStep(int horizon) =>
        settings.CalibrationStep / Math.Sqrt(Math.Max(1.0, horizon / (double)settings.OriginStep));

    private List<ModelScore> Scores(string name, Lane[,] lanes, ScoreAccumulator[] selections)
    {
        var scores = new List<ModelScore>();
        for (var k = 0; k < lanes.GetLength(1); k++)
        {
            var served = Select(lanes, k, lane => lane.Score);
            for (var m = 0; m < lanes.GetLength(0); m++)
            {
                scores.Add(lanes[m, k].Score.ToScore(name, lanes[m, k].Model.Name, lanes[m, k].Horizon, m == served ? selections[k] : null));
            }
        }

        return scores;
    }

    /// <summary>What each model says now, from the last observed minute, with every error known by then calibrated in.</summary>
    private static List<PriceForecast> Latest(MinuteSeries series, Lane[,] lanes)
    {
        var t = Array.LastIndexOf(series.Observed, true);
        if (t < 0)
        {
            return [];
        }

        var history = series.Closes.AsSpan(0, t + 1);
        var latest = new List<PriceForecast>();
        foreach (var lane in lanes)
        {
            lane.Release(t);
            var central = lane.Model.Forecast(history, lane.Horizon);
            var (lower, upper) = lane.Calibrator.Interval(central, lane.Sigma[t] * Math.Sqrt(lane.Horizon));
            latest.Add(new PriceForecast(
                lane.Model.Name, lane.Horizon, series.TimeAt(t), series.TimeAt(t + lane.Horizon), history[^1], central, lower, upper));
        }

        return latest;
    }

    /// <summary>One model at one horizon: its calibration, its errors waiting for their target time, its score.</summary>
    private sealed class Lane(IForecastModel model, int horizon, double[] sigma, IntervalCalibrator calibrator)
    {
        public double[] Sigma => sigma;

        private readonly Queue<(int Due, double Error, Outcome? Scored)> _pending = new();

        public IForecastModel Model => model;

        public int Horizon => horizon;

        public IntervalCalibrator Calibrator => calibrator;

        /// <summary>Every scored forecast, as the backtest reports it.</summary>
        public ScoreAccumulator Score { get; } = new();

        /// <summary>The scored forecasts whose target minute has passed: what a selection at the current origin may know.</summary>
        public ScoreAccumulator Known { get; } = new();

        public void Hold(int due, double error, Outcome? scored) => _pending.Enqueue((due, error, scored));

        /// <summary>Errors whose target minute is at or before <paramref name="now"/> are known now.</summary>
        public void Release(int now)
        {
            while (_pending.TryPeek(out var next) && next.Due <= now)
            {
                _pending.Dequeue();
                calibrator.Observe(next.Error);
                if (next.Scored is { } outcome) Known.Add(outcome);
            }
        }
    }
}
