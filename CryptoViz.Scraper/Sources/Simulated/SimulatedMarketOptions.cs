using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>The offline market: every listed coin ticks once per <see cref="Interval"/>.</summary>
public sealed class SimulatedMarketOptions : OfflineSourceOptions
{
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Same seed, same market: runs and tests are repeatable.</summary>
    public int Seed { get; set; } = 2024;
}
