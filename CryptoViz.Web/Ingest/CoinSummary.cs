namespace CryptoViz.Web.Ingest;

/// <summary>Ingest's <c>GET /api/coins</c> entry: the newest stored price of one coin from one source.</summary>
public sealed record CoinSummary(
    string Symbol, string Name, string Source, double Price, double MarketCap, DateTime Timestamp,
    double? ChangePercent1h, double? ChangePercent24h);
