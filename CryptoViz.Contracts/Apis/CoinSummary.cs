namespace CryptoViz.Contracts.Apis;

/// <summary>The newest price of one coin from one source, with its change over the stored history.</summary>
/// <param name="ChangePercent1h">Change in % against the last price stored at or before <c>Timestamp - 1 h</c>; null when the history is shorter.</param>
/// <param name="ChangePercent24h">Change in % against the last price stored at or before <c>Timestamp - 24 h</c>; null when the history is shorter.</param>
/// <param name="Volume24h">
/// The rolling 24 h volume in USD of the newest price that reported one (not every price does: Binance's kline quotes
/// carry the minute's volume instead); null when the source never reported it.
/// </param>
public sealed record CoinSummary(
    string Symbol, string Name, string Source, double Price, double MarketCap, DateTime Timestamp,
    double? ChangePercent1h, double? ChangePercent24h, double? Volume24h);
