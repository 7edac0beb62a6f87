using System.Text.Json.Serialization;

namespace CryptoViz.Web.Clients;

/// <summary>Stream keeps V2's snake_case names, spelled out on each property.</summary>
[JsonSerializable(typeof(StreamStats))]
[JsonSerializable(typeof(StreamHealth))]
public sealed partial class StreamJsonContext : JsonSerializerContext;
