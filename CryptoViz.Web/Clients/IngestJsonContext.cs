using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoViz.Web.Clients;

/// <summary>Ingest answers in web defaults (camelCase); these mirror its DTOs without referencing the project.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<CoinSummary>))]
[JsonSerializable(typeof(CandleSeries))]
[JsonSerializable(typeof(CoinHistory))]
[JsonSerializable(typeof(IReadOnlyList<Tick>))]
[JsonSerializable(typeof(SourceSpread))]
[JsonSerializable(typeof(StoreStats))]
[JsonSerializable(typeof(IReadOnlyList<ServedForecast>))]
[JsonSerializable(typeof(IReadOnlyList<ModelScore>))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
