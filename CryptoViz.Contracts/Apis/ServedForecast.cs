namespace CryptoViz.Contracts.Apis;

/// <summary>
/// What Ingest forecasts now for one coin, source and horizon: the served model's central value and 90 % interval,
/// with that model's backtest skill against naive on the same source's recent history.
/// </summary>
public sealed record ServedForecast(
    string Symbol,
    string Source,
    string Model,
    int HorizonMinutes,
    DateTime OriginTime,
    DateTime TargetTime,
    double Last,
    double Central,
    double Lower,
    double Upper,
    int BacktestPoints,
    double? Mase,
    double? Coverage90);
