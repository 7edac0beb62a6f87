namespace CryptoViz.Scraper.Sources.CoinMarketCap;

/// <summary>
/// A provider's API key: named options bound from the top-level <c>CoinMarketCap</c> / <c>CoinGecko</c> sections
/// (user secrets or env <c>CoinMarketCap__ApiKey</c>). Never logged, never defaulted.
/// </summary>
public sealed class ProviderKeyOptions
{
    public const string CoinGecko = "CoinGecko";
    public const string CoinMarketCap = "CoinMarketCap";

    public string? ApiKey { get; set; }

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Keeps the key out of anything that prints the options.</summary>
    public override string ToString() => HasKey ? "ApiKey = (set)" : "ApiKey = (none)";
}
