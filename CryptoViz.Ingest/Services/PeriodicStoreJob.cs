using DuckDB.NET.Data;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// The one loop of Ingest's scheduled work on the store (rollup, retention, forecasts): a run every period, a DuckDB
/// failure handed to <c>failed</c> (logged by the caller) and tried again at the next tick, a quiet end when the host stops.
/// Any other exception ends the loop and, through its <see cref="BackgroundService"/>, the host: nobody expected it.
/// </summary>
internal static class PeriodicStoreJob
{
    public static async Task RunAsync(
        TimeSpan period, TimeProvider time, bool runAtStart, Func<CancellationToken, Task> run, Action<DuckDBException> failed,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            if (runAtStart) await RunOnceAsync(run, failed, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken)) await RunOnceAsync(run, failed, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task RunOnceAsync(Func<CancellationToken, Task> run, Action<DuckDBException> failed, CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (DuckDBException ex)
        {
            failed(ex);
        }
    }
}
