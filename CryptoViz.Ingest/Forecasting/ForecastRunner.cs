using System.Diagnostics;
using CryptoViz.Ingest.Anomalies;
using CryptoViz.Ingest.Storage;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// One forecast run: backtest every (symbol, source) on its recent 1-minute closes, keep the result for the API,
/// publish the served forecasts; then run the ticks stored since the last run through per-series anomaly detectors.
/// Runs are sequential (the worker's timer), so the detectors and the watermark need no lock. A tick stored with a
/// timestamp at or before the last run's time after that run is not checked: prices arrive within seconds.
/// </summary>
public sealed class ForecastRunner(
    PriceQueries queries,
    ForecastBook book,
    PredictionPublisher publisher,
    IOptions<ForecastingOptions> options,
    TimeProvider time,
    ILogger<ForecastRunner> logger)
{
    private readonly Dictionary<(string Symbol, string Source), TickAnomalyDetector> _detectors = [];
    private readonly SemaphoreSlim _oneRun = new(1, 1);
    private DateTime? _anomalyWatermark;

    /// <summary>One run at a time: the timer's and an operator's "evaluate models now" queue behind each other.</summary>
    public async Task<ForecastRunSummary> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneRun.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(cancellationToken);
        }
        finally
        {
            _oneRun.Release();
        }
    }

    private async Task<ForecastRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.Value;
        var closes = await queries.GetMinuteClosesAsync(now - settings.History, now, cancellationToken);
        var backtest = new WalkForwardBacktest(new BacktestSettings
        {
            OriginStep = settings.OriginStep,
            WarmupMinutes = (int)settings.Warmup.TotalMinutes,
        });

        // The backtest is CPU work of up to a few seconds: off the timer's thread, one series after another so
        // that ingestion keeps the other core.
        var series = await Task.Run(
            () => closes
                .GroupBy(c => (c.Symbol, c.Source))
                .Select(g => new LiveSeries(g.Key.Symbol, g.Key.Source, backtest.Run(
                    MinuteSeries.FromCloses(LiveSeries.SeriesName(g.Key.Symbol, g.Key.Source), g.Select(c => (new DateTimeOffset(c.Minute), c.Close))),
                    ForecastModels.CreateChallengers())))
                .ToList(),
            cancellationToken);
        book.Replace(series);
        var served = book.All();
        foreach (var forecast in served)
        {
            publisher.Publish(forecast);
        }

        var anomalies = await DetectAnomaliesAsync(now, settings, cancellationToken);
        IngestTrace.ForecastsPublished(logger, series.Count, served.Count, anomalies, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ForecastRunSummary(series.Count, served.Count, anomalies);
    }

    private async Task<int> DetectAnomaliesAsync(DateTime now, ForecastingOptions settings, CancellationToken cancellationToken)
    {
        var after = _anomalyWatermark ?? now - settings.AnomalyWarmup;
        var prices = await queries.GetPricesAfterAsync(after, now, cancellationToken);
        _anomalyWatermark = now;
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
}
