using CryptoViz.Ingest.Model;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>The walks' latest results, replaced whole whenever one changes and read by the API without locks.</summary>
public sealed class ForecastBook
{
    private volatile IReadOnlyList<LiveSeries> _series = [];

    public void Replace(IReadOnlyList<LiveSeries> series) => _series = series;

    public IReadOnlyList<ServedForecast> ForSymbol(string symbol) =>
        [.. _series.Where(s => s.Symbol == symbol).SelectMany(Served)];

    public IReadOnlyList<ServedForecast> ForSeries(string symbol, string source) =>
        [.. _series.Where(s => s.Symbol == symbol && s.Source == source).SelectMany(Served)];

    public IReadOnlyList<ServedForecast> All() => [.. _series.SelectMany(Served)];

    public IReadOnlyList<ModelScore> Scores() => [.. _series.SelectMany(s => s.Result.Scores)];

    private static IEnumerable<ServedForecast> Served(LiveSeries series) =>
        from forecast in series.Result.Latest
        join score in series.Result.Served
            on (forecast.Model, forecast.HorizonMinutes) equals (score.Model, score.HorizonMinutes)
        select new ServedForecast(
            series.Symbol, series.Source, forecast.Model, forecast.HorizonMinutes,
            forecast.OriginTime.UtcDateTime, forecast.TargetTime.UtcDateTime,
            forecast.Last, forecast.Central, forecast.Lower, forecast.Upper,
            score.N, score.Mase, score.Coverage90);
}
