using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Apis;

/// <summary>V2's <c>/health</c> (docs/v2-contract.md#get-health), now reflecting the real broker and consumer.</summary>
public sealed record StreamHealth(
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("redpanda")] string Redpanda,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("streaming")] string Streaming,
    [property: JsonPropertyName("timestamp")] string Timestamp);
