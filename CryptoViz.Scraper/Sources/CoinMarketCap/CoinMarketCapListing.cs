namespace CryptoViz.Scraper.Sources.CoinMarketCap;

/// <summary>One element of <c>data</c> in <c>GET /v1/cryptocurrency/listings/latest</c> (only the fields we map).</summary>
public sealed record CoinMarketCapListing(
    long? Id,
    string? Name,
    string? Symbol,
    DateTimeOffset? LastUpdated,
    Dictionary<string, CoinMarketCapQuote>? Quote);
