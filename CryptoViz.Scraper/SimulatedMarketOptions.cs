using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper;

/// <summary>The offline market: every listed coin ticks once per <see cref="Interval"/>.</summary>
public sealed class SimulatedMarketOptions
{
    /// <summary>
    /// <c>auto</c> (default): publish only while no real provider delivers (see <see cref="ScraperOptions.FallbackAfter"/>);
    /// <c>true</c>: always publish; <c>false</c>: never.
    /// </summary>
    [Required]
    [RegularExpression("(?i)^(auto|true|false)$", ErrorMessage = "Enabled must be auto, true or false")]
    public string Enabled { get; set; } = "auto";

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Same seed, same market: runs and tests are repeatable.</summary>
    public int Seed { get; set; } = 2024;

    /// <summary><see cref="Enabled"/> as a mode.</summary>
    public SourceMode Mode => Enabled.ToLowerInvariant() switch
    {
        "true" => SourceMode.On,
        "false" => SourceMode.Off,
        _ => SourceMode.Auto,
    };
}
