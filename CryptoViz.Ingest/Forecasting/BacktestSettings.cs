using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>How the walk-forward backtest runs; the defaults are what the command and the service use.</summary>
public sealed class BacktestSettings
{
    /// <summary>Forecast horizons in minutes: 1 min, 15 min, 1 h and V2's default 4 h.</summary>
    [Required, MinLength(1)]
    public int[] Horizons { get; set; } = [1, 15, 60, 240];

    /// <summary>A forecast origin every this many minutes; 1 scores every minute, larger keeps a long backtest fast.</summary>
    [Range(1, 1440)]
    public int OriginStep { get; set; } = 5;

    /// <summary>Models need some history before their first forecast.</summary>
    [Range(2, 100_000)]
    public int MinimumHistoryMinutes { get; set; } = 60;

    /// <summary>
    /// Forecasts from origins before this are made and feed the interval calibration but are not scored: every
    /// model, and its interval, starts scoring warm. A series shorter than three times this warms up for its first third.
    /// </summary>
    [Range(0, 1_000_000)]
    public int WarmupMinutes { get; set; } = 3 * 1440;

    /// <summary>Nominal coverage of the prediction interval.</summary>
    [Range(0.5, 0.99)]
    public double Coverage { get; set; } = 0.9;

    /// <summary>Gradient step of the interval quantile trackers, in units of standardized error.</summary>
    [Range(0.001, 1)]
    public double CalibrationStep { get; set; } = 0.02;

    [Range(2, 100_000)]
    public int VolatilityHalfLifeMinutes { get; set; } = 120;
}
