namespace CryptoViz.Scraper.Sources;

public sealed record SimulatedQuote(SimulatedCoin Coin, double Price, double PercentChange24h, double MarketCap);
