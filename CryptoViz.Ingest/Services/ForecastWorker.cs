using CryptoViz.Ingest.Forecasting;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Runs <see cref="ForecastRunner"/> on two clocks: a forecast run every <see cref="ForecastingOptions.Interval"/>, and an
/// evaluation check every <see cref="ForecastingOptions.EvaluationCheck"/>, so that history that lands between two
/// forecast runs (a backfill at start) is evaluated within seconds. A failed run is logged and the next one tries again.
/// </summary>
public sealed class ForecastWorker(
    ForecastRunner runner,
    IOptions<ForecastingOptions> options,
    TimeProvider time,
    ILogger<ForecastWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            IngestLog.ForecastingDisabled(logger);
            return Task.CompletedTask;
        }

        return RunBothAsync(stoppingToken);
    }

    private async Task RunBothAsync(CancellationToken stoppingToken)
    {
        Task[] loops =
        [
            EveryAsync(options.Value.Interval, runner.ForecastAsync, stoppingToken),
            EveryAsync(options.Value.EvaluationCheck, runner.EvaluateDueAsync, stoppingToken),
        ];
        // A loop ends early only with an error nobody expected: that stops the host, as a single loop's would.
        await await Task.WhenAny(loops);
        await Task.WhenAll(loops);
    }

    private Task EveryAsync(TimeSpan period, Func<CancellationToken, Task> run, CancellationToken stoppingToken) =>
        PeriodicStoreJob.RunAsync(period, time, runAtStart: false, run, ex => IngestLog.ForecastRunFailed(logger, ex, period), stoppingToken);
}
