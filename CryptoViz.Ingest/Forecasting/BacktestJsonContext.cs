using System.Text.Json.Serialization;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Forecasting;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<ModelScore>))]
internal sealed partial class BacktestJsonContext : JsonSerializerContext;
