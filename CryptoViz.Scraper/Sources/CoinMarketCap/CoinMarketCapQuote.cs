using System.Text.Json.Serialization;

namespace CryptoViz.Scraper.Sources.CoinMarketCap;

/// <summary>A listing's <c>quote.USD</c>.</summary>
public sealed record CoinMarketCapQuote(
    double? Price,
    [property: JsonPropertyName("percent_change_24h")] double? PercentChange24h,
    double? MarketCap,
    DateTimeOffset? LastUpdated,
    [property: JsonPropertyName("volume_24h")] double? Volume24h);
