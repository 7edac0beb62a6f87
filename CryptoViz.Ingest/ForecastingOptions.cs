using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest;

/// <summary>
/// Configuration section <c>Ingest:Forecasting</c>: the live forecasts. Every <see cref="Interval"/> the stored
/// history of the last <see cref="History"/> is backtested per (symbol, source), the served model's forecasts
/// are published to <c>crypto-predictions</c>, and the ticks since the last run are checked for anomalies.
/// </summary>
public sealed class ForecastingOptions
{
    public const string SectionName = "Ingest:Forecasting";

    public bool Enabled { get; set; } = true;

    /// <summary>Time between runs; the first run comes one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far back the backtest reads: stored 1-minute candles keep minute closes long after retention has thinned
    /// the raw ticks, so a longer window is real history (the boosted trees need 2 days before they fit), but each
    /// run's CPU grows with it.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "31.00:00:00")]
    public TimeSpan History { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The start of the window only feeds calibration; scores count after it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Warmup { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// A forecast origin every this many minutes in the backtest: 50 coins from two sources are about 100 series
    /// a minute, and every fifth minute keeps a run to a fraction of a second of CPU beside ingestion.
    /// </summary>
    [Range(1, 60)]
    public int OriginStep { get; set; } = 5;

    /// <summary>On the first run, the ticks of this long before it warm the anomaly detectors up.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AnomalyWarmup { get; set; } = TimeSpan.FromHours(1);
}
