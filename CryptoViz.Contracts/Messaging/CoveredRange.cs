using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// A stretch [<see cref="From"/>, <see cref="To"/>) of one series that Ingest has (Ingest's <c>GET /api/history/coverage</c>):
/// what the Scraper's backfill leaves out when it asks a provider for history.
/// </summary>
public sealed record CoveredRange(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("from")] DateTime From,
    [property: JsonPropertyName("to")] DateTime To);
