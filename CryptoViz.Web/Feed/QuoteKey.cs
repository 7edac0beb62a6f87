namespace CryptoViz.Web.Feed;

/// <summary>A quote's identity (seed contract §2): the same symbol from two sources is two quotes.</summary>
public readonly record struct QuoteKey(string Symbol, string Source);
