namespace CryptoViz.Web.Clients;

/// <summary>
/// Ingest's <c>GET /api/coins/history</c>: every series' closes on one grid (bucket <c>i</c> starts at
/// <c>From + i × StepMinutes</c>, the last one holds <c>To</c>), and its closes 1 h and 24 h before <c>To</c>.
/// </summary>
public sealed record CoinHistory(DateTime From, DateTime To, int StepMinutes, IReadOnlyList<SeriesHistory> Series);
