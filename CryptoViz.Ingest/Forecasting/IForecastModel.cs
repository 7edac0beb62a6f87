namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// A point forecast of a 1-minute close series. A model sees only <paramref name="history"/> (closes up to and
/// including the forecast origin), so it cannot look ahead; models that learn keep their own state and refit
/// from what they are shown.
/// </summary>
public interface IForecastModel
{
    /// <summary>Stable identifier, used in scores, JSON and API.</summary>
    string Name { get; }

    /// <summary>The expected close <paramref name="horizon"/> minutes after the last element of <paramref name="history"/>.</summary>
    double Forecast(ReadOnlySpan<double> history, int horizon);
}
