using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper;

/// <summary>Configuration section <c>Scraper</c>.</summary>
public sealed class ScraperOptions
{
    public const string SectionName = "Scraper";

    /// <summary>Written into every record's <c>producer_id</c>.</summary>
    [Required]
    public string ProducerId { get; set; } = "cryptoviz-scraper";

    [Required]
    public SimulatedMarketOptions Simulated { get; set; } = new();
}
