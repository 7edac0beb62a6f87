using System.Text.Json.Serialization;

namespace CryptoViz.Web.Clients;

/// <summary>
/// Ingest's <c>GET /api/models</c> row, in the backtest command's snake_case: one model's walk-forward skill on one
/// series (<c>source/SYMBOL</c>) at one horizon. <see cref="Mase"/> is its MAE over naive's on the same points. The served
/// row also has the out-of-sample score of serving by walk-forward selection (<c>selection_*</c>): the honest one.
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

    public string Source => Series.Split('/', 2)[0];

    public string Symbol => Series.Split('/', 2) is [_, var symbol] ? symbol : Series;

    public bool IsNaive => Model == Naive;
}
