namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>One coin's replayed price; <paramref name="OriginalTime"/> is when it happened.</summary>
public readonly record struct ReplayQuote(string Symbol, double Price, double? PercentChange24h, DateTimeOffset OriginalTime);
