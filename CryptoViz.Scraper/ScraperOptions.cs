using System.ComponentModel.DataAnnotations;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Scraper.Sources.CoinGecko;
using CryptoViz.Scraper.Sources.Replay;
using CryptoViz.Scraper.Sources.Simulated;

namespace CryptoViz.Scraper;

/// <summary>Configuration section <c>Scraper</c>.</summary>
public sealed class ScraperOptions : IValidatableObject
{
    public const string SectionName = "Scraper";

    /// <summary>Written into every record's <c>producer_id</c>.</summary>
    [Required]
    public string ProducerId { get; set; } = "cryptoviz-scraper";

    /// <summary>
    /// How long the Scraper waits for a real provider's first valid quote (and, later, how late a provider's
    /// next valid quote may be past its interval) before the offline sources (replay, then the simulated market) take over in <c>auto</c> mode.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FallbackAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a stop waits for the broker to take what the producer still holds (live quotes, history pages); what is
    /// left then is dropped. Well below the orchestrator's stop window (Aspire's DCP kills a service after about 10 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan StopFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    [Required]
    public CoinGeckoOptions CoinGecko { get; set; } = new()
    {
        BaseUrl = new("https://api.coingecko.com/"),
        Interval = TimeSpan.FromSeconds(60),
    };

    [Required]
    public PriceProviderOptions CoinMarketCap { get; set; } = new()
    {
        BaseUrl = new("https://pro-api.coinmarketcap.com/"),
        // The free plan's 10,000 credits a month last at one call every five minutes.
        Interval = TimeSpan.FromMinutes(5),
    };

    [Required]
    public BinanceStreamOptions Binance { get; set; } = new();

    [Required]
    public ReplayOptions Replay { get; set; } = new();

    [Required]
    public SimulatedMarketOptions Simulated { get; set; } = new();

    /// <summary>Data annotations do not descend into nested objects: validate the sections here.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, section) in new (string, object)[]
                 { (nameof(CoinGecko), CoinGecko), (nameof(CoinMarketCap), CoinMarketCap), (nameof(Binance), Binance), (nameof(Replay), Replay),
                   (nameof(Simulated), Simulated) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(section, new ValidationContext(section), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult(result.ErrorMessage, [.. result.MemberNames.Select(m => $"{name}.{m}")]);
            }
        }
    }
}
