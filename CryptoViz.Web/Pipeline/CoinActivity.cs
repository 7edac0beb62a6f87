using CryptoViz.Web.Clients;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Pipeline;

/// <summary>One coin's stored prices in the filtered range and its newest price per source; null parts failed to load.</summary>
public sealed record CoinActivity(string Symbol, IReadOnlyList<Tick>? Ticks, SourceSpread? Sources, bool Capped);
