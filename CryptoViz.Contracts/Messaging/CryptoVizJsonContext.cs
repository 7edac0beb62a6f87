using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CryptoPrice))]
[JsonSerializable(typeof(IReadOnlyList<CryptoPrice>))]
[JsonSerializable(typeof(Prediction))]
[JsonSerializable(typeof(CandleBatch))]
[JsonSerializable(typeof(IReadOnlyList<CoveredRange>))]
[JsonSerializable(typeof(BackfillStatus))]
public sealed partial class CryptoVizJsonContext : JsonSerializerContext;
