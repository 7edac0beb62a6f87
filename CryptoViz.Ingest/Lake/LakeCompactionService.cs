using System.Diagnostics;
using CryptoViz.Ingest.Services;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Compacts the lake's partitions that this replica owns, every <see cref="LakeOptions.CompactionInterval"/>, one partition
/// at a time under <see cref="LakePartitions.Lock"/> so that its segments wait meanwhile. A failed run leaves its inputs
/// in place and is tried again at the next interval.
/// </summary>
internal sealed class LakeCompactionService(
    LakeLayout layout,
    LakePartitions partitions,
    LakeChanges changes,
    LakeTelemetry telemetry,
    IOptions<LakeOptions> options,
    TimeProvider time,
    ILogger<LakeCompactionService> logger) : BackgroundService, IDisposable
{
    private readonly LakeCompactor _compactor = new(layout, telemetry, options.Value.CompactedFileBytes);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicStoreJob.RunAsync(options.Value.CompactionInterval, time, runAtStart: false, _ =>
        {
            try
            {
                Compact();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failed(ex);
            }

            return Task.CompletedTask;
        }, Failed, stoppingToken);

    /// <summary>One compaction of every owned partition.</summary>
    /// <returns>How many files were merged into how many.</returns>
    public (int Inputs, int Outputs) Compact()
    {
        var started = Stopwatch.GetTimestamp();
        var (inputs, outputs) = (0, 0);
        foreach (var partition in partitions.Snapshot().Keys)
        {
            lock (partitions.Lock)
            {
                if (!partitions.TryGet(partition, out var progress) || progress.Committed < 0) continue;
                var (i, o) = _compactor.Compact(progress.LakeTopic, partition.Partition.Value, progress.Committed);
                (inputs, outputs) = (inputs + i, outputs + o);
            }
        }

        if (inputs > 0)
        {
            changes.Notify();
            IngestLog.LakeCompacted(logger, inputs, outputs, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (inputs, outputs);
    }

    private void Failed(Exception ex) => IngestLog.LakeCompactionFailed(logger, ex, options.Value.CompactionInterval);

    public override void Dispose()
    {
        _compactor.Dispose();
        base.Dispose();
    }
}
