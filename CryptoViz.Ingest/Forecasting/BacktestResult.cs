using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>The scores of every model and horizon on one series, and every model's forecast from its last minute.</summary>
public sealed record BacktestResult(string Series, IReadOnlyList<ModelScore> Scores, IReadOnlyList<PriceForecast> Latest)
{
    public IEnumerable<ModelScore> Served => Scores.Where(score => score.Served);

    /// <summary>The latest forecasts of the served models, one per horizon.</summary>
    public IEnumerable<PriceForecast> ServedLatest => Latest.Where(forecast =>
        Served.Any(score => score.Model == forecast.Model && score.HorizonMinutes == forecast.HorizonMinutes));
}
