using System.Text.Json.Serialization;

namespace CryptoViz.Web.Clients;

/// <summary>Stream's <c>GET /health</c> body (docs/v2-contract.md#get-health); sent with 200 when healthy and 500 when not.</summary>
public sealed record StreamHealth(
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("redpanda")] string Redpanda,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("streaming")] string Streaming,
    [property: JsonPropertyName("timestamp")] string Timestamp);
