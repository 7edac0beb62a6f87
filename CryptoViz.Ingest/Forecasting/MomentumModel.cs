namespace CryptoViz.Ingest.Forecasting;

/// <summary>The seed's momentum predictor (default window 14): the average change per minute over the window, carried on.</summary>
public sealed class MomentumModel(int window = 14) : IForecastModel
{
    public string Name => "momentum";

    public double Forecast(ReadOnlySpan<double> history, int horizon)
    {
        var lag = Math.Min(window, history.Length - 1);
        return lag == 0 ? history[^1] : history[^1] + (history[^1] - history[^(lag + 1)]) / lag * horizon;
    }
}
