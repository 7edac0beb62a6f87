using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest;

/// <summary>
/// Configuration section <c>Ingest:Retention</c>: V2's retention (docs/v2-contract.md#retention) on a schedule. Rows older
/// than <see cref="RawDays"/> are deleted; older than <see cref="DownsampleAfter"/>, only the last row of
/// each hour per (symbol, source) is kept.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Ingest:Retention";

    public bool Enabled { get; set; } = true;

    /// <summary>Rows whose <c>timestamp</c> is older than this many days are deleted (V2: 7, options 3 or 14).</summary>
    [Range(1, 3650)]
    public int RawDays { get; set; } = 7;

    /// <summary>Whole hours older than this keep one row per (symbol, source): the hour's last.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan DownsampleAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Stored one-minute candles older than this many days are deleted; they outlive the raw ticks.</summary>
    [Range(1, 36500)]
    public int CandleDays { get; set; } = 365;

    /// <summary>Time between runs; the first run comes one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
