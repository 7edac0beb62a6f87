namespace CryptoViz.Contracts.Apis;

/// <summary>One stored row of <c>crypto_prices</c>.</summary>
public sealed record Tick(
    DateTime Timestamp, string Symbol, string Name, string Source, double Price, double? PercentChange24h, double MarketCap,
    DateTime IngestionTimestamp, string ProducerId);
