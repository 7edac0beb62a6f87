using CryptoViz.Ingest.Forecasting;
using CryptoViz.Ingest.Storage;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Anomalies;

/// <summary>
/// Runs every stored price since the last check through its series' <see cref="TickAnomalyDetector"/> and publishes
/// what they flag. Called by the forecast run, one at a time, so the detectors and the watermark need no lock. A tick
/// stored with a timestamp at or before the last check's time after that check is not seen: prices arrive within seconds.
/// </summary>
public sealed class AnomalyWatch(SeriesQueries queries, PredictionPublisher publisher, IOptions<ForecastingOptions> options)
{
    private readonly Dictionary<(string Symbol, string Source), TickAnomalyDetector> _detectors = [];
    private DateTime? _watermark;

    /// <returns>How many prices were flagged.</returns>
    public async Task<int> CheckAsync(DateTime now, CancellationToken cancellationToken)
    {
        var after = _watermark ?? now - options.Value.AnomalyWarmup;
        var prices = await queries.GetPricesAfterAsync(after, now, cancellationToken);
        _watermark = now;
        var flagged = 0;
        foreach (var price in prices)
        {
            var key = (price.Symbol, price.Source);
            if (!_detectors.TryGetValue(key, out var detector))
            {
                _detectors[key] = detector = new TickAnomalyDetector();
            }

            if (detector.Observe(new DateTimeOffset(price.Timestamp), price.Price) is { } anomaly)
            {
                publisher.Publish(price.Symbol, price.Source, anomaly);
                flagged++;
            }
        }

        return flagged;
    }

    /// <summary>Drops the detectors of the series that left the history window.</summary>
    public void Keep(Func<(string Symbol, string Source), bool> stored)
    {
        foreach (var key in _detectors.Keys.Where(key => !stored(key)).ToList()) _detectors.Remove(key);
    }
}
