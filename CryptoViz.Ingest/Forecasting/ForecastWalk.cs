using System.Runtime.InteropServices;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// The walk-forward backtest of one series (see <see cref="WalkForwardBacktest"/>), kept as a state that can go on:
/// <see cref="Extend"/> appends the minutes that closed since and walks their origins exactly as a walk over the longer
/// series would, so the models, their intervals, their scores and the selection stay current without walking the
/// past again. Not thread-safe: one caller at a time.
/// </summary>
public sealed class ForecastWalk
{
    private readonly BacktestSettings _settings;
    private readonly Action<ForecastRecord>? _observe;
    private readonly List<double> _closes = [];
    private readonly List<bool> _observed = [];
    private readonly EwmaVolatility[] _sigmas;
    private readonly ForecastLane[,] _lanes;
    private readonly ScoreBoard _board;
    private readonly int _warmup;
    private readonly int _reportFrom;
    private readonly int _reportUntil = int.MaxValue;
    private int _walked;
    private int _nextOrigin;

    /// <param name="reported">Only forecasts from origins in [From, Until) count in the reported scores; all if null.</param>
    internal ForecastWalk(
        BacktestSettings settings, MinuteSeries series, IReadOnlyList<IForecastModel> challengers, Action<ForecastRecord>? observe,
        (DateTimeOffset From, DateTimeOffset Until)? reported = null)
    {
        (_settings, _observe, Name, Start) = (settings, observe, series.Name, series.Start);
        if (reported is { } range) (_reportFrom, _reportUntil) = (IndexOf(range.From), IndexOf(range.Until));
        IForecastModel[] models = [new NaiveModel(), .. challengers];
        var horizons = settings.Horizons;
        _board = new ScoreBoard([.. models.Select(model => model.Name)], horizons, settings.OriginStep);
        // A 4 h interval needs the volatility of hours, not of the last few minutes.
        _sigmas = [.. horizons.Select(h => new EwmaVolatility(Math.Max(settings.VolatilityHalfLifeMinutes, h)))];
        _lanes = new ForecastLane[models.Length, horizons.Length];
        for (var m = 0; m < models.Length; m++)
        {
            for (var k = 0; k < horizons.Length; k++)
            {
                _lanes[m, k] = new ForecastLane(models[m], horizons[k], _sigmas[k],
                    new IntervalCalibrator(settings.Coverage, CalibrationStep(horizons[k])), _board[m, k]);
            }
        }

        // A short series still gets two thirds of its origins scored; a walk that goes on keeps the warm-up it started with.
        _warmup = Math.Min(settings.WarmupMinutes, series.Length / 3);
        _nextOrigin = settings.MinimumHistoryMinutes - 1;
        _closes.AddRange(series.Closes);
        _observed.AddRange(series.Observed);
        Walk();
    }

    public string Name { get; }

    /// <summary>The first minute of the series.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Minutes from <see cref="Start"/> to the last close seen, both included.</summary>
    public int Length => _closes.Count;

    internal ScoreBoard Board => _board;

    /// <summary>Observed minutes at or after <paramref name="from"/>: what the walk knows of a window that starts there.</summary>
    public int ObservedSince(DateTimeOffset from)
    {
        var observed = CollectionsMarshal.AsSpan(_observed);
        var count = 0;
        for (var t = Math.Clamp(IndexOf(from), 0, observed.Length); t < observed.Length; t++)
        {
            count += observed[t] ? 1 : 0;
        }

        return count;
    }

    /// <summary>
    /// Appends the closes after the last minute seen, in time order (a minute already seen is left as it was), carrying the
    /// last close over missing minutes, and walks the new origins.
    /// </summary>
    public void Extend(IEnumerable<(DateTimeOffset Time, double Close)> closes)
    {
        if (Length == 0)
        {
            throw new InvalidOperationException("A walk of no closes cannot go on; start one on the closes instead.");
        }

        foreach (var (time, close) in closes)
        {
            var index = IndexOf(time);
            if (index < Length) continue;
            while (Length < index)
            {
                _closes.Add(_closes[^1]);
                _observed.Add(false);
            }

            _closes.Add(close);
            _observed.Add(true);
        }

        Walk();
    }

    /// <summary>The scores so far, and what each model says now from the last observed minute.</summary>
    public BacktestResult Result()
    {
        // Settles every forecast whose target has passed before the scores are read.
        var latest = Latest();
        return new BacktestResult(Name, _board.Rows(Name), latest);
    }

    private int IndexOf(DateTimeOffset time) => checked((int)(time.ToUnixTimeSeconds() / 60 - Start.ToUnixTimeSeconds() / 60));

    /// <summary>Takes in the minutes not walked yet, and forecasts from those that are origins.</summary>
    private void Walk()
    {
        var closes = CollectionsMarshal.AsSpan(_closes);
        var observed = CollectionsMarshal.AsSpan(_observed);
        for (; _walked < closes.Length; _walked++)
        {
            var t = _walked;
            if (observed[t])
            {
                foreach (var sigma in _sigmas) sigma.Observe(t, closes[t]);
            }

            if (t != _nextOrigin) continue;
            _nextOrigin += _settings.OriginStep;
            if (!observed[t]) continue;
            var history = closes[..(t + 1)];
            for (var k = 0; k < _lanes.GetLength(1); k++)
            {
                for (var m = 0; m < _lanes.GetLength(0); m++) Settle(_lanes[m, k], k, t);
                // Picked from the errors whose target minute has passed, before this origin's forecasts are known.
                var selected = ScoreBoard.Select(_lanes.GetLength(0), m => _lanes[m, k].Known, _settings.Horizons[k], _settings.OriginStep);
                for (var m = 0; m < _lanes.GetLength(0); m++)
                {
                    var lane = _lanes[m, k];
                    var scale = lane.Sigma.PerMinute * Math.Sqrt(lane.Horizon);
                    var central = lane.Model.Forecast(history, lane.Horizon);
                    var (lower, upper) = lane.Calibrator.Interval(central, scale);
                    _observe?.Invoke(new ForecastRecord(lane.Model.Name, lane.Horizon, t, central, lower, upper));
                    lane.Hold(new HeldForecast(t, t + lane.Horizon, central, lower, upper, scale, t >= _warmup, m == selected));
                }
            }
        }
    }

    /// <summary>
    /// Forecasts whose target minute is at or before <paramref name="now"/> are known now: an observed target feeds the
    /// interval calibration and, past the warm-up, the scores; a missing one is never scored.
    /// </summary>
    private void Settle(ForecastLane lane, int horizon, int now)
    {
        while (lane.TryTakeDue(now, out var held))
        {
            if (!_observed[held.Target]) continue;
            var actual = _closes[held.Target];
            lane.Calibrator.Observe(IntervalCalibrator.StandardizedError(held.Central, actual, held.Scale));
            if (!held.Scored) continue;
            var outcome = new Outcome(_closes[held.Origin], actual, held.Central, held.Lower, held.Upper);
            lane.Known.Add(outcome);
            if (held.Origin < _reportFrom || held.Origin >= _reportUntil) continue;
            lane.Reported.Add(outcome);
            if (held.Selected) _board.Selection(horizon).Add(outcome);
        }
    }

    /// <summary>What each model says now, from the last observed minute, with every error known by then calibrated in.</summary>
    private List<PriceForecast> Latest()
    {
        var t = _observed.LastIndexOf(true);
        if (t < 0)
        {
            return [];
        }

        var history = CollectionsMarshal.AsSpan(_closes)[..(t + 1)];
        var latest = new List<PriceForecast>();
        for (var m = 0; m < _lanes.GetLength(0); m++)
        {
            for (var k = 0; k < _lanes.GetLength(1); k++)
            {
                var lane = _lanes[m, k];
                Settle(lane, k, t);
                var central = lane.Model.Forecast(history, lane.Horizon);
                // Missing minutes after t leave the volatility as it was at t.
                var (lower, upper) = lane.Calibrator.Interval(central, lane.Sigma.PerMinute * Math.Sqrt(lane.Horizon));
                latest.Add(new PriceForecast(
                    lane.Model.Name, lane.Horizon, Start.AddMinutes(t), Start.AddMinutes(t + lane.Horizon), history[^1], central, lower, upper));
            }
        }

        return latest;
    }

    /// <summary>
    /// At horizon h about h / step errors are still pending when one arrives, so a full step per error would make
    /// the quantile trackers overshoot and oscillate (and lose coverage); the step shrinks with the square root of
    /// that delay.
    /// </summary>
    private double CalibrationStep(int horizon) =>
        _settings.CalibrationStep / Math.Sqrt(Math.Max(1.0, horizon / (double)_settings.OriginStep));
}
