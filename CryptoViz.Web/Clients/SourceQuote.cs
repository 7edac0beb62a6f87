namespace CryptoViz.Web.Clients;

/// <summary>The newest stored price of a coin from one source.</summary>
public sealed record SourceQuote(string Source, double Price, DateTime Timestamp);
