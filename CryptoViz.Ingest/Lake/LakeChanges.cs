using System.Threading.Channels;

namespace CryptoViz.Ingest.Lake;

/// <summary>Tells the bucket copy that the lake changed (a segment committed, a compaction done) without waiting for it.</summary>
internal sealed class LakeChanges
{
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _changed.Writer.TryWrite(true);

    /// <returns>Whether a change came within <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await _changed.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
