using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources;

/// <summary>What one call brought: the records it mapped and the items it could not.</summary>
public sealed record PriceFetch(IReadOnlyList<CryptoPrice> Quotes, IReadOnlyList<RejectedItem> Rejected);
