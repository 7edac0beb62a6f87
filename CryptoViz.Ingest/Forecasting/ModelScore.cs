using System.Text.Json.Serialization;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Walk-forward skill of one model on one series at one horizon. <see cref="Mase"/> is the model's MAE over the
/// naive forecast's MAE on the same points; <see cref="HitRate"/> is null for a model that never calls a direction
/// (naive); <see cref="Served"/> marks the model the service serves for this series and horizon.
/// </summary>
public sealed record ModelScore(
    [property: JsonPropertyName("series")] string Series,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("horizon_min")] int HorizonMinutes,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mae")] double? Mae,
    [property: JsonPropertyName("mase")] double? Mase,
    [property: JsonPropertyName("hit_rate")] double? HitRate,
    [property: JsonPropertyName("coverage90")] double? Coverage90,
    [property: JsonPropertyName("served")] bool Served);
