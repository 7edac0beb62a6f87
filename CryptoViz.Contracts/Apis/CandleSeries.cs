namespace CryptoViz.Contracts.Apis;

/// <summary>Candles of one symbol from one source; <c>Source</c> is null only when nothing was stored in the range.</summary>
public sealed record CandleSeries(string Symbol, string? Source, string Interval, DateTime From, DateTime To, IReadOnlyList<Candle> Candles);
