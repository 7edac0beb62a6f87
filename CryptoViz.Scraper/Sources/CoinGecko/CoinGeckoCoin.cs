namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>A coin of CoinGecko's listing: the record's symbol and name, and CoinGecko's API id of it (<c>bitcoin</c> for BTC).</summary>
public sealed record CoinGeckoCoin(string Symbol, string Name, string Id);
