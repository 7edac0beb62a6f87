using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest;

/// <summary>Configuration section <c>Ingest:Rollup</c>: the background 1-minute candle rollup.</summary>
public sealed class RollupOptions
{
    public const string SectionName = "Ingest:Rollup";

    /// <summary>Time between rollups; the first runs at start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How late a tick may arrive and still count in its stored candle: each rollup recomputes the minutes this far
    /// back. Quotes carry the provider's own time, which trails ours by up to a polling interval.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Lateness { get; set; } = TimeSpan.FromMinutes(10);
}
