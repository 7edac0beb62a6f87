namespace CryptoViz.Web.Clients;

/// <summary>
/// Ingest's <c>GET /api/coins/{symbol}/forecasts</c> entry: the served model's forecast of one source's close at
/// <c>TargetTime</c> with its 90 % interval, and that model's backtest skill against naive.
/// </summary>
public sealed record ServedForecast(
    string Symbol, string Source, string Model, int HorizonMinutes, DateTime OriginTime, DateTime TargetTime,
    double Last, double Central, double Lower, double Upper, int BacktestPoints, double? Mase, double? Coverage90);
