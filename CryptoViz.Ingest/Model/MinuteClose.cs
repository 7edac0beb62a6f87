namespace CryptoViz.Ingest.Model;

/// <summary>The last stored price of a minute, per (symbol, source).</summary>
public sealed record MinuteClose(string Symbol, string Source, DateTime Minute, double Close);
