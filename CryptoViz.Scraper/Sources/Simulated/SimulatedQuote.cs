namespace CryptoViz.Scraper.Sources.Simulated;

/// <param name="Volume">Base-asset units traded in the step.</param>
/// <param name="QuoteVolume">The same in USD.</param>
/// <param name="Volume24h">USD traded over a rolling day, as a provider would report it.</param>
public sealed record SimulatedQuote(SimulatedCoin Coin, double Price, double PercentChange24h, double MarketCap,
    double Volume, double QuoteVolume, double Volume24h);
