using CryptoViz.Ingest.Forecasting;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>Runs <see cref="ForecastRunner"/> every <see cref="ForecastingOptions.Interval"/>; a failed run is logged and the next one tries again.</summary>
public sealed class ForecastWorker(
    ForecastRunner runner,
    IOptions<ForecastingOptions> options,
    TimeProvider time,
    ILogger<ForecastWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            IngestTrace.ForecastingDisabled(logger);
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await runner.RunOnceAsync(stoppingToken);
                }
                catch (DuckDBException ex)
                {
                    IngestTrace.ForecastRunFailed(logger, ex, options.Value.Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
