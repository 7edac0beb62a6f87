using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Apis;

/// <summary>
/// V2's <c>/stats</c> (docs/v2-contract.md#get-stats) plus the back-pressure figures V2 lacked and the kind of broker read
/// (V2's <c>backend</c> says <c>redpanda</c> whatever runs).
/// </summary>
public sealed record StreamStats(
    [property: JsonPropertyName("backend")] string Backend,
    [property: JsonPropertyName("connected_clients")] int ConnectedClients,
    [property: JsonPropertyName("last_data_received")] string? LastDataReceived,
    [property: JsonPropertyName("messages_sent")] long MessagesSent,
    [property: JsonPropertyName("redpanda_status")] string RedpandaStatus,
    [property: JsonPropertyName("uptime")] string Uptime,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds,
    [property: JsonPropertyName("events_per_second")] double EventsPerSecond,
    [property: JsonPropertyName("dropped_events")] long DroppedEvents,
    [property: JsonPropertyName("slow_clients_disconnected")] long SlowClientsDisconnected,
    [property: JsonPropertyName("slowest_client_lag")] double SlowestClientLagSeconds,
    [property: JsonPropertyName("broker")] string? Broker);
