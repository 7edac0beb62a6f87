using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Apis;

/// <summary>
/// Walk-forward skill of one model on one series at one horizon. <see cref="Mase"/> is the model's MAE over the
/// naive forecast's MAE on the same points; <see cref="HitRate"/> is null for a model that never calls a direction
/// (naive); <see cref="Served"/> marks the model the service serves for this series and horizon.
/// <para>
/// Picking the best model on the points it is scored on flatters it. The served row therefore also carries the
/// score of serving by walk-forward selection (<see cref="SelectionN"/>, <see cref="SelectionMase"/>,
/// <see cref="SelectionCoverage90"/>): at every origin the model picked by the errors known by then, scored on that
/// origin only, out of sample. That is the honest figure of what the service delivers.
/// </para>
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
    [property: JsonPropertyName("served")] bool Served,
    [property: JsonPropertyName("selection_n")] int? SelectionN = null,
    [property: JsonPropertyName("selection_mase")] double? SelectionMase = null,
    [property: JsonPropertyName("selection_coverage90")] double? SelectionCoverage90 = null)
{
    /// <summary>The baseline every model is measured against: "the price stays where it is".</summary>
    public const string Naive = "naive";

    [JsonIgnore]
    public string Source => Series.Split('/', 2)[0];

    [JsonIgnore]
    public string Symbol => Series.Split('/', 2) is [_, var symbol] ? symbol : Series;

    [JsonIgnore]
    public bool IsNaive => Model == Naive;
}
