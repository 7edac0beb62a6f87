using System.Diagnostics;
using CryptoViz.Ingest.Storage;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// V2's retention on a schedule (docs/v2-contract.md#retention): delete rows older than <see cref="RetentionOptions.RawDays"/>,
/// downsample whole hours older than <see cref="RetentionOptions.DownsampleAfter"/> to the last row per
/// (symbol, source), delete stored candles older than <see cref="RetentionOptions.CandleDays"/>, then CHECKPOINT to give
/// the space back. It works in one transaction on its own
/// connection: DuckDB's MVCC lets the ingest writer append meanwhile, and the deletes touch only old rows.
/// Should they ever conflict with another writer, the transaction rolls back and the next interval retries.
/// </summary>
public sealed class RetentionService(
    PriceStore store,
    IOptions<RetentionOptions> options,
    IngestTelemetry telemetry,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            IngestLog.RetentionDisabled(logger);
            return;
        }

        await PeriodicStoreJob.RunAsync(options.Value.Interval, time, runAtStart: false, _ =>
        {
            Apply();
            return Task.CompletedTask;
        }, Failed, stoppingToken);
    }

    private void Failed(DuckDBException ex)
    {
        if (IsConflict(ex)) IngestLog.RetentionConflict(logger, ex.Message, options.Value.Interval);
        else IngestLog.RetentionFailed(logger, ex, options.Value.Interval);
    }

    /// <summary>One retention run, relative to the time provider's now.</summary>
    public RetentionResult Apply()
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var expireBefore = now.AddDays(-options.Value.RawDays);
        // Whole hours only: an hour is reduced once all of it is old enough, so its kept row really is its last.
        var downsampleBefore = TruncateToHour(now - options.Value.DownsampleAfter);

        using var connection = store.OpenConnection();
        long expired, downsampled, candlesExpired;
        using (var transaction = connection.BeginTransaction())
        {
            expired = connection.Execute(PriceSchema.DeleteExpired, ("before", expireBefore));
            downsampled = connection.Execute(PriceSchema.Downsample, ("before", downsampleBefore));
            candlesExpired = connection.Execute(CandleSchema.DeleteExpired, ("before", now.AddDays(-options.Value.CandleDays)));
            // The ranges history pages covered go with their candles; the table would only grow otherwise.
            connection.Execute(HistorySchema.DeleteExpiredRanges, ("before", now.AddDays(-options.Value.CandleDays)));
            transaction.Commit();
        }

        var checkpointed = TryCheckpoint(connection);
        telemetry.RetentionDeleted.Add(expired, new KeyValuePair<string, object?>("reason", "expired"));
        telemetry.RetentionDeleted.Add(downsampled, new KeyValuePair<string, object?>("reason", "downsampled"));
        telemetry.RetentionDeleted.Add(candlesExpired, new KeyValuePair<string, object?>("reason", "candles-expired"));
        IngestLog.RetentionApplied(logger, store.DatabasePath, expired, expireBefore, downsampled, downsampleBefore, checkpointed,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new RetentionResult(expired, downsampled, candlesExpired, checkpointed);
    }

    // A plain CHECKPOINT refuses to run while another write transaction is open (the ingest's batch); DuckDB
    // then checkpoints on its own when the WAL grows. FORCE CHECKPOINT would abort the ingest's transaction.
    private bool TryCheckpoint(DuckDBConnection connection)
    {
        try
        {
            connection.Execute("CHECKPOINT");
            return true;
        }
        catch (DuckDBException ex)
        {
            IngestLog.CheckpointSkipped(logger, ex.Message);
            return false;
        }
    }

    private static bool IsConflict(DuckDBException ex) => ex.Message.Contains("conflict", StringComparison.OrdinalIgnoreCase);

    private static DateTime TruncateToHour(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
}
