namespace CryptoViz.Web.Clients;

/// <summary>Ingest's <c>GET /api/coins/{symbol}/candles</c>: one source's candles; <c>Source</c> is null when nothing is stored.</summary>
public sealed record CandleSeries(string Symbol, string? Source, string Interval, DateTime From, DateTime To, IReadOnlyList<StoredCandle> Candles);
