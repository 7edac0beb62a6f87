namespace CryptoViz.Ingest.Forecasting;

/// <summary>The seed's "MA short" predictor (default window 20): the mean of the last closes, for any horizon.</summary>
public sealed class MovingAverageModel(int window = 20) : IForecastModel
{
    public string Name => "moving_average";

    public double Forecast(ReadOnlySpan<double> history, int horizon)
    {
        var recent = history[^Math.Min(window, history.Length)..];
        var sum = 0.0;
        foreach (var close in recent)
        {
            sum += close;
        }

        return sum / recent.Length;
    }
}
