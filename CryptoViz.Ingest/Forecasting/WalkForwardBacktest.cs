namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Walks a series forward in time. At each origin t every model forecasts every horizon h from the closes up to t
/// only; the error of that forecast reaches the model's interval calibration only when the walk reaches t + h.
/// Past the warm-up, forecasts whose target is an observed minute are scored against naive on the same points.
/// The served model per horizon is the lowest-MAE model that beats naive, else naive; the selection is also walked
/// forward (at each origin, the model that rule picks from the scores known by then), and that out-of-sample score is
/// what the served row reports as its selection score.
/// </summary>
public sealed class WalkForwardBacktest(BacktestSettings settings)
{
    /// <param name="series">The closes.</param>
    /// <param name="challengers">Fresh model instances for this series (models may keep state); naive is added.</param>
    /// <param name="observe">Sees every forecast as it is made.</param>
    public BacktestResult Run(MinuteSeries series, IReadOnlyList<IForecastModel> challengers, Action<ForecastRecord>? observe = null) =>
        Start(series, challengers, observe).Result();

    /// <summary>The walk over <paramref name="series"/>, kept so that it can go on as minutes close (<see cref="ForecastWalk.Extend"/>).</summary>
    public ForecastWalk Start(MinuteSeries series, IReadOnlyList<IForecastModel> challengers, Action<ForecastRecord>? observe = null) =>
        new(settings, series, challengers, observe);

    /// <summary>A walk that reports only the forecasts from origins in [From, Until) (<see cref="LiveReplay"/>).</summary>
    internal ForecastWalk Start(MinuteSeries series, IReadOnlyList<IForecastModel> challengers, (DateTimeOffset From, DateTimeOffset Until) reported) =>
        new(settings, series, challengers, observe: null, reported);
}
