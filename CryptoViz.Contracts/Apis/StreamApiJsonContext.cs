using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Apis;

/// <summary>Stream's V2 endpoints keep V2's snake_case names, spelled out on each property: Stream writes them, the Web reads them.</summary>
[JsonSerializable(typeof(StreamStats))]
[JsonSerializable(typeof(StreamHealth))]
public sealed partial class StreamApiJsonContext : JsonSerializerContext;
