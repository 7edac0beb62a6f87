namespace CryptoViz.Ingest.Forecasting;

/// <summary>The seed's linear trend: a least-squares line through the last closes, extended to the horizon.</summary>
public sealed class LinearTrendModel(int window = 60) : IForecastModel
{
    public string Name => "linear_trend";

    public double Forecast(ReadOnlySpan<double> history, int horizon)
    {
        var recent = history[^Math.Min(window, history.Length)..];
        var n = recent.Length;
        if (n < 2)
        {
            return history[^1];
        }

        // x = 0..n-1 centred on its mean, so slope and intercept need one pass.
        var meanX = (n - 1) / 2.0;
        double sumY = 0, sumXY = 0, sumXX = 0;
        for (var i = 0; i < n; i++)
        {
            var x = i - meanX;
            sumY += recent[i];
            sumXY += x * recent[i];
            sumXX += x * x;
        }

        var slope = sumXY / sumXX;
        return sumY / n + slope * (n - 1 - meanX + horizon);
    }
}
