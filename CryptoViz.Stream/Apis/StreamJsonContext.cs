using System.Text.Json.Serialization;

namespace CryptoViz.Stream.Apis;

[JsonSerializable(typeof(StatsResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(TestBroadcastResponse))]
public sealed partial class StreamJsonContext : JsonSerializerContext;
