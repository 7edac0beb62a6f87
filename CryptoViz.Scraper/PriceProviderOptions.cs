using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Scraper;

/// <summary>One real provider's section, e.g. <c>Scraper:CoinMarketCap</c>; a provider with more settings derives from it.</summary>
public class PriceProviderOptions : IValidatableObject
{
    public bool Enabled { get; set; } = true;

    /// <summary>The API's root (scheme and host, e.g. <c>https://api.coingecko.com/</c>); the call's path is appended.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many coins, by market cap, each call asks for.</summary>
    [Range(1, 250)]
    public int TopN { get; set; } = 50;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { IsAbsoluteUri: false } || BaseUrl is { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult("BaseUrl must be an absolute http or https URL", [nameof(BaseUrl)]);
        }
    }
}
