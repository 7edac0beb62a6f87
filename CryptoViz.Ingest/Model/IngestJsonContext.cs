using System.Text.Json;
using System.Text.Json.Serialization;
using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Ingest.Model;

/// <summary>What only Ingest writes; its query API's records are shared with the Web (<c>IngestApiJsonContext</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ForecastRunSummary))]
public sealed partial class IngestJsonContext : JsonSerializerContext;
