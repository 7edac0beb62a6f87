namespace CryptoViz.Web.Markets;

/// <summary>A quote's identity (docs/v2-contract.md#topics-and-keys): the same symbol from two sources is two quotes.</summary>
public readonly record struct QuoteKey(string Symbol, string Source);
