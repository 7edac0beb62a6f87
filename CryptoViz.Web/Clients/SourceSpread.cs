namespace CryptoViz.Web.Clients;

/// <summary>Ingest's <c>GET /api/coins/{symbol}/sources</c>: the newest price per source and how far apart they are.</summary>
public sealed record SourceSpread(string Symbol, IReadOnlyList<SourceQuote> Sources, double Min, double Max, double Spread, double SpreadPercent);
