namespace CryptoViz.Ingest.Forecasting;

/// <summary>The reference every other model must beat: the last close.</summary>
public sealed class NaiveModel : IForecastModel
{
    public const string ModelName = "naive";

    public string Name => ModelName;

    public double Forecast(ReadOnlySpan<double> history, int horizon) => history[^1];
}
