namespace CryptoViz.Web.Feed;

/// <summary>A live forecast's identity: Ingest serves one per (symbol, source) and horizon.</summary>
public readonly record struct ForecastKey(string Symbol, string Source, int HorizonMinutes);
