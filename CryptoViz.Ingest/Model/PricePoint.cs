namespace CryptoViz.Ingest.Model;

/// <summary>One stored price, the minimum the anomaly detectors need.</summary>
public sealed record PricePoint(string Symbol, string Source, DateTime Timestamp, double Price);
