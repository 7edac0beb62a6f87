namespace CryptoViz.Ingest.Model;

/// <summary>The newest price of one coin from one source, with its change over the stored history.</summary>
/// <param name="ChangePercent1h">Change in % against the last price stored at or before <c>Timestamp - 1 h</c>; null when the history is shorter.</param>
/// <param name="ChangePercent24h">Change in % against the last price stored at or before <c>Timestamp - 24 h</c>; null when the history is shorter.</param>
public sealed record CoinSummary(
    string Symbol, string Name, string Source, double Price, double MarketCap, DateTime Timestamp,
    double? ChangePercent1h, double? ChangePercent24h);
