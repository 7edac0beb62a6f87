using System.Text.Json.Serialization;

namespace CryptoViz.Stream.Apis;

/// <summary>V2's <c>/test</c> reply (seed contract §4).</summary>
public sealed record TestBroadcastResponse(
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("clients_notified")] int ClientsNotified,
    [property: JsonPropertyName("data")] CryptoPrice Data,
    [property: JsonPropertyName("message")] string Message);
