namespace CryptoViz.Bench.Faults;

/// <summary>
/// When the pipeline is whole again after a fault: every resource Healthy (as Aspire reports it from the services'
/// <c>/health</c>), every producer publishing again (on each partition it wrote to since the scenario began, a message
/// created after the fault ended: a producer's backlog from the fault comes before that, so it is on the topic), and Ingest
/// caught up: on every partition of <c>crypto-raw-data</c> the newest valid message published when asked is stored within
/// <see cref="s_caughtUpWithin"/>. Ingest stores a partition's batches in order, so that message stored means everything
/// before it on that partition is stored or dead-lettered. A target that takes longer was a backlog; the newest message of
/// that moment is the next target.
/// </summary>
internal sealed class RecoveryWatch(FaultApp app, TopicTail<RawMessage> raw, StoreLedger store)
{
    /// <summary>Several times the pipeline's own latency with nothing wrong (the baseline's 0.5-2 s includes the polling).</summary>
    private static readonly TimeSpan s_caughtUpWithin = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(250);

    /// <returns>When it recovered (null if not before the timeout) and, per partition, the offset after the last message read then.</returns>
    public async Task<Recovery> WaitAsync(long[] start, DateTime faultEnded, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<ResourceHealth> notHealthy = [];
        while (DateTime.UtcNow < deadline)
        {
            notHealthy = app.NotHealthy();
            if (notHealthy.Count > 0 || !PublishingAgain(start, faultEnded))
            {
                await Task.Delay(s_poll, cancellationToken);
                continue;
            }

            // The target stays until it is stored: the newest of each poll would be a few milliseconds old, never stored yet.
            var newest = raw.Last(m => m.Tick is not null);
            var asked = DateTime.UtcNow;
            while (DateTime.UtcNow < deadline && !await AllStoredAsync(newest, cancellationToken))
            {
                await Task.Delay(s_poll, cancellationToken);
            }

            notHealthy = app.NotHealthy();
            if (DateTime.UtcNow < deadline && notHealthy.Count == 0 && DateTime.UtcNow - asked <= s_caughtUpWithin)
            {
                return new Recovery(DateTime.UtcNow, raw.NextOffsets(), []);
            }
        }

        return new Recovery(null, raw.NextOffsets(), notHealthy);
    }

    private bool PublishingAgain(long[] start, DateTime faultEnded) =>
        raw.Between(start, raw.NextOffsets())
            .Where(m => m.Tick is not null)
            .GroupBy(m => (m.Tick!.ProducerId, m.Partition))
            .All(sent => sent.Any(m => m.PublishedAt >= faultEnded));

    private async Task<bool> AllStoredAsync((long Offset, RawMessage Item)?[] newest, CancellationToken cancellationToken)
    {
        foreach (var message in newest)
        {
            if (message is { } m && !await store.IsStoredAsync(m.Item.Tick!, cancellationToken)) return false;
        }

        return true;
    }
}

/// <summary><see cref="At"/> null: not recovered in time, <see cref="NotHealthy"/> saying what was not healthy then.</summary>
internal sealed record Recovery(DateTime? At, long[] End, IReadOnlyList<ResourceHealth> NotHealthy);
