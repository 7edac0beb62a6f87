using System.Text.Json.Serialization;

namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>One element of <c>GET /api/v3/coins/markets</c> (only the fields we map). Everything may be null on the wire.</summary>
public sealed record CoinGeckoMarket(
    string? Id,
    string? Symbol,
    string? Name,
    double? CurrentPrice,
    double? MarketCap,
    [property: JsonPropertyName("price_change_percentage_24h")] double? PriceChangePercentage24h,
    DateTimeOffset? LastUpdated,
    double? TotalVolume);
