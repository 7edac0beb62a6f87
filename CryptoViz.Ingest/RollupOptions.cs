using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest;

/// <summary>Configuration section <c>Ingest:Rollup</c>: the background 1-minute candle rollup.</summary>
public sealed class RollupOptions
{
    public const string SectionName = "Ingest:Rollup";

    /// <summary>Time between rollups; the first runs at start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
