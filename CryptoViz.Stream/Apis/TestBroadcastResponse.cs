using System.Text.Json.Serialization;

namespace CryptoViz.Stream.Apis;

/// <summary>V2's <c>/test</c> reply (docs/v2-contract.md#get-test).</summary>
public sealed record TestBroadcastResponse(
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("clients_notified")] int ClientsNotified,
    [property: JsonPropertyName("data")] CryptoPrice Data,
    [property: JsonPropertyName("message")] string Message);
