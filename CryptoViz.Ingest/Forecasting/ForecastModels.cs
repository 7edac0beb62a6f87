namespace CryptoViz.Ingest.Forecasting;

/// <summary>The challengers to naive, fresh for each series because some keep state across a walk.</summary>
public static class ForecastModels
{
    public static IReadOnlyList<IForecastModel> CreateChallengers() =>
    [
        new MovingAverageModel(),
        new LinearTrendModel(),
        new MomentumModel(),
        new DriftModel(),
        new BoostedTreesModel(),
    ];
}
