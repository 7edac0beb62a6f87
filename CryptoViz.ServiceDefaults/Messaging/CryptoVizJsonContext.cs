using System.Text.Json.Serialization;

namespace CryptoViz.ServiceDefaults.Messaging;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CryptoPrice))]
public sealed partial class CryptoVizJsonContext : JsonSerializerContext;
