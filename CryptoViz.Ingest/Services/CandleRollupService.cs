using System.Diagnostics;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Rolls raw ticks up into stored 1-minute candles: every <see cref="RollupOptions.Interval"/>, in one transaction on
/// its own connection, it adds the closed minutes after the newest stored candle and moves the <see cref="CandleHorizon"/>
/// up to them. It never rewrites a stored candle (retention may have thinned its raw ticks); ticks that come later for
/// a stored minute are merged into it by <see cref="PriceStore.Write(PriceRows)"/>. History candles waiting for the
/// minutes they belong to (<see cref="HistorySchema"/>) are stored with them. The current minute stays raw, so the last
/// candle a query returns is always live.
/// </summary>
public sealed class CandleRollupService(
    PriceStore store,
    IOptions<RollupOptions> options,
    IngestTelemetry telemetry,
    TimeProvider time,
    ILogger<CandleRollupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicStoreJob.RunAsync(options.Value.Interval, time, runAtStart: true, _ =>
        {
            Roll();
            return Task.CompletedTask;
        }, ex => IngestLog.RollupFailed(logger, ex, options.Value.Interval), stoppingToken);

    /// <summary>One rollup up to the last closed minute of the time provider's now.</summary>
    /// <returns>How many candles were added.</returns>
    public int Roll()
    {
        var started = Stopwatch.GetTimestamp();
        var end = UtcMinute.Floor(time.GetUtcNow().UtcDateTime);
        var written = 0;
        using var connection = store.OpenConnection();
        lock (store.CandleLock)
        {
            using (var transaction = connection.BeginTransaction())
            {
                if (connection.Scalar(CandleSchema.NextStart) is DateTime next)
                {
                    var start = UtcMinute.Floor(next);
                    if (start < end) written = connection.Execute(CandleSchema.Insert, ("start", start), ("end", end));
                }

                written += connection.Execute(HistorySchema.Release, ("end", end));
                connection.Execute(HistorySchema.DropReleased, ("end", end));

                transaction.Commit();
            }

            // Never back: a clock that steps back must not reopen stored minutes to the rollup.
            if (store.CandleHorizon.Value is not { } horizon || horizon < end) store.CandleHorizon.RolledUpTo(end);
        }

        telemetry.CandlesRolledUp.Add(written);
        IngestLog.RolledUp(logger, written, end, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return written;
    }
}
