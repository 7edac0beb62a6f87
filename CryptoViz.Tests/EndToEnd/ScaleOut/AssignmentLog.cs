using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>
/// One Ingest replica's "Partitions assigned" log lines from the moment of watching on: its hot store's consumer logs its
/// whole assignment at each rebalance.
/// </summary>
public sealed class AssignmentLog : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _watching;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private int _backlog = -1;

    private AssignmentLog(DistributedApplication app, string resourceId, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _watching = WatchAsync(app.Services.GetRequiredService<ResourceLoggerService>(), resourceId, _stop.Token);
    }

    /// <summary>Starts watching once the lines logged before are in, so that only what follows counts.</summary>
    public static async Task<AssignmentLog> WatchAsync(DistributedApplication app, string resourceId, CancellationToken cancellationToken)
    {
        var log = new AssignmentLog(app, resourceId, cancellationToken);
        await Support.Eventually.GetAsync(() => Task.FromResult(log.Backlog()), n => n >= 0, TimeSpan.FromMinutes(1), "the replica's log read");
        return log;
    }

    /// <summary>Whether a line logged after watching began assigns every one of <paramref name="partitions"/>.</summary>
    public bool AssignedSinceStart(IEnumerable<TopicPartition> partitions)
    {
        lock (_gate)
        {
            return _lines.Skip(_backlog).Any(line => line.Contains("Partitions assigned:", StringComparison.Ordinal)
                && partitions.All(p => line.Contains($"{p.Topic} [[{p.Partition.Value}]]", StringComparison.Ordinal)));
        }
    }

    private int Backlog()
    {
        lock (_gate) return _backlog;
    }

    private async Task WatchAsync(ResourceLoggerService logs, string resourceId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
            {
                lock (_gate)
                {
                    _lines.AddRange(batch.Select(line => line.Content));
                    if (_backlog < 0) _backlog = _lines.Count;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
