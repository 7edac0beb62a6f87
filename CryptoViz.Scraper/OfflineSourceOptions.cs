using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper;

/// <summary>What the offline sources (replay, simulated market) share: when they publish.</summary>
public abstract class OfflineSourceOptions
{
    /// <summary>
    /// <c>auto</c> (default): publish only while no real provider delivers (see <see cref="ScraperOptions.FallbackAfter"/>);
    /// <c>true</c>: always publish; <c>false</c>: never.
    /// </summary>
    [Required]
    [RegularExpression("(?i)^(auto|true|false)$", ErrorMessage = "Enabled must be auto, true or false")]
    public string Enabled { get; set; } = "auto";

    /// <summary><see cref="Enabled"/> as a mode.</summary>
    public SourceMode Mode => Enabled.ToLowerInvariant() switch
    {
        "true" => SourceMode.On,
        "false" => SourceMode.Off,
        _ => SourceMode.Auto,
    };
}
