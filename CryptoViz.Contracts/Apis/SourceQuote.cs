namespace CryptoViz.Contracts.Apis;

/// <summary>The newest price of a coin from one source.</summary>
public sealed record SourceQuote(string Source, double Price, DateTime Timestamp);
