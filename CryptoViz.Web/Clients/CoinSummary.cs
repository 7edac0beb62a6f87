namespace CryptoViz.Web.Clients;

/// <summary>
/// Ingest's <c>GET /api/coins</c> entry: the newest stored price of one coin from one source, and the newest 24 h volume
/// (USD) the source reported for it, null when it never did.
/// </summary>
public sealed record CoinSummary(
    string Symbol, string Name, string Source, double Price, double MarketCap, DateTime Timestamp,
    double? ChangePercent1h, double? ChangePercent24h, double? Volume24h);
