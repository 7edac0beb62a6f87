namespace CryptoViz.Web.Forecasts;

/// <summary>
/// One horizon of the served forecast of a coin from one source, whether it came from Ingest's API or live from
/// Stream. <see cref="BacktestPoints"/> is null when only the live message is known (it doesn't carry it).
/// </summary>
public sealed record ForecastRow(
    int HorizonMinutes, string Model, DateTime OriginTime, DateTime TargetTime, double Last,
    double Central, double Lower, double Upper, double? Mase, double? Coverage90, int? BacktestPoints)
{
    public bool IsNaive => Model == CryptoViz.Contracts.Apis.ModelScore.Naive;
}
