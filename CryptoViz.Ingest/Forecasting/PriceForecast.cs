using System.Text.Json.Serialization;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>A forecast of the close at <see cref="TargetTime"/>, with its prediction interval.</summary>
public sealed record PriceForecast(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("horizon_min")] int HorizonMinutes,
    [property: JsonPropertyName("origin_time")] DateTimeOffset OriginTime,
    [property: JsonPropertyName("target_time")] DateTimeOffset TargetTime,
    [property: JsonPropertyName("last")] double Last,
    [property: JsonPropertyName("central")] double Central,
    [property: JsonPropertyName("lower")] double Lower,
    [property: JsonPropertyName("upper")] double Upper);
