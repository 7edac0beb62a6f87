using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Ingest.Model;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<CoinSummary>))]
[JsonSerializable(typeof(CandleSeries))]
[JsonSerializable(typeof(CoinHistory))]
[JsonSerializable(typeof(IReadOnlyList<Tick>))]
[JsonSerializable(typeof(SourceSpread))]
[JsonSerializable(typeof(StoreStats))]
[JsonSerializable(typeof(IReadOnlyList<ServedForecast>))]
[JsonSerializable(typeof(IReadOnlyList<ModelScore>))]
[JsonSerializable(typeof(ForecastRunSummary))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
