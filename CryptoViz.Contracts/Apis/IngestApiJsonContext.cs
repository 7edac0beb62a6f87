using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Apis;

/// <summary>Ingest's query API in web defaults (camelCase): Ingest writes it, the Web reads it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<CoinSummary>))]
[JsonSerializable(typeof(CandleSeries))]
[JsonSerializable(typeof(CoinHistory))]
[JsonSerializable(typeof(IReadOnlyList<Tick>))]
[JsonSerializable(typeof(SourceSpread))]
[JsonSerializable(typeof(StoreStats))]
[JsonSerializable(typeof(IReadOnlyList<ServedForecast>))]
[JsonSerializable(typeof(IReadOnlyList<ModelScore>))]
public sealed partial class IngestApiJsonContext : JsonSerializerContext;
