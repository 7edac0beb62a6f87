using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest;

/// <summary>
/// Configuration section <c>Ingest:Forecasting</c>: the live forecasts. Each (symbol, source) has a walk-forward backtest
/// over its last <see cref="History"/> of stored 1-minute closes, which fits the models, scores them against naive and
/// selects the served one out of sample. Every <see cref="Interval"/> the walks go on over the minutes closed since, the
/// served forecasts are published to <c>crypto-predictions</c>, and the ticks since the last run are checked for
/// anomalies. A walk starts afresh every <see cref="Reevaluation"/>, and at the next <see cref="EvaluationCheck"/> when
/// its series appears or its stored history grows by a quarter (a backfill).
/// </summary>
public sealed class ForecastingOptions
{
    public const string SectionName = "Ingest:Forecasting";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between forecast runs; the first run comes one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far back a walk reads. Stored 1-minute candles keep minute closes long after retention has thinned the raw
    /// ticks, and the backfill stores a week: the boosted trees fit from 2 days of closes on, and learn from up to 7.
    /// A walk's CPU grows with the window (<c>bench/README.md</c>, <c>forecast</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "31.00:00:00")]
    public TimeSpan History { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How often each series' walk starts afresh on the window as it is then (the window slides on, the trees are
    /// fitted again); in between, the forecast runs continue the walk, which costs a few origins a minute. Series are
    /// re-evaluated a few per check, oldest first, so the work spreads over the interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Reevaluation { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the stored history is checked for series to evaluate: new ones, grown ones and those due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan EvaluationCheck { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The start of the window only feeds calibration; scores count after it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Warmup { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A forecast origin every this many minutes in the backtest: a fifth of the work of every minute.</summary>
    [Range(1, 60)]
    public int OriginStep { get; set; } = 5;

    /// <summary>On the first run, the ticks of this long before it warm the anomaly detectors up.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AnomalyWarmup { get; set; } = TimeSpan.FromHours(1);
}
