namespace CryptoViz.Scraper.Sources.CoinMarketCap;

/// <summary>The <c>status</c> object of every CoinMarketCap response.</summary>
public sealed record CoinMarketCapStatus(int? ErrorCode, string? ErrorMessage);
