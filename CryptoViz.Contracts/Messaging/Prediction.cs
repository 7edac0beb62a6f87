using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// A message on <see cref="Topics.Predictions"/>, keyed by <see cref="MessageKey"/>: either a forecast of the served
/// model for one coin, source and horizon (<see cref="Kind"/> = <see cref="ForecastKind"/>), or a tick flagged
/// as anomalous (<see cref="AnomalyKind"/>). Fields of the other kind are left out of the JSON.
/// </summary>
public sealed record Prediction
{
    public const string ForecastKind = "forecast";
    public const string AnomalyKind = "anomaly";

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("symbol")]
    public required string Symbol { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>UTC: the forecast's origin minute, or the anomalous tick's time.</summary>
    [JsonPropertyName("timestamp")]
    public required DateTime Timestamp { get; init; }

    /// <summary>The last close at the origin, or the anomalous tick's price.</summary>
    [JsonPropertyName("price")]
    public required double Price { get; init; }

    [JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    [JsonPropertyName("horizon_min"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HorizonMinutes { get; init; }

    [JsonPropertyName("target_time"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? TargetTime { get; init; }

    [JsonPropertyName("central"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Central { get; init; }

    /// <summary>Bounds of the 90 % prediction interval.</summary>
    [JsonPropertyName("lower"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Lower { get; init; }

    [JsonPropertyName("upper"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Upper { get; init; }

    /// <summary>The served model's backtest MAE over naive's on the same points (≤ 1: it never serves worse).</summary>
    [JsonPropertyName("mase"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mase { get; init; }

    /// <summary>Share of backtest outcomes that fell inside the model's 90 % interval.</summary>
    [JsonPropertyName("coverage90"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Coverage90 { get; init; }

    /// <summary>Robust z-score of the anomalous tick's return.</summary>
    [JsonPropertyName("score"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Score { get; init; }

    [JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}
