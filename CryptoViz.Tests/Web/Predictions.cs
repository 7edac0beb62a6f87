using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Web;

/// <summary>Prediction messages as Ingest publishes them: a forecast band around the last close, or a flagged tick.</summary>
internal static class Predictions
{
    /// <summary>A forecast whose interval is ±<paramref name="halfWidth"/> around <paramref name="central"/>.</summary>
    public static Prediction Forecast(string symbol, string source, int horizon, DateTime origin, double last, double central,
        double halfWidth, string model = "ewma_drift", double? mase = 0.93, double? coverage = 0.9) => new()
    {
        Kind = Prediction.ForecastKind,
        Symbol = symbol,
        Source = source,
        Timestamp = origin,
        Price = last,
        Model = model,
        HorizonMinutes = horizon,
        TargetTime = origin.AddMinutes(horizon),
        Central = central,
        Lower = central - halfWidth,
        Upper = central + halfWidth,
        Mase = mase,
        Coverage90 = coverage,
    };

    public static Prediction Anomaly(string symbol, string source, DateTime at, double price, string reason) => new()
    {
        Kind = Prediction.AnomalyKind,
        Symbol = symbol,
        Source = source,
        Timestamp = at,
        Price = price,
        Score = 7.4,
        Reason = reason,
    };
}
