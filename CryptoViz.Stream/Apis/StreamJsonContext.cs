using System.Text.Json.Serialization;

namespace CryptoViz.Stream.Apis;

[JsonSerializable(typeof(TestBroadcastResponse))]
public sealed partial class StreamJsonContext : JsonSerializerContext;
