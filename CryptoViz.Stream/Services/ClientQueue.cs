using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace CryptoViz.Stream.Services;

/// <summary>
/// One client's bounded queue of pending <c>crypto_update</c>s. A plain <see cref="Channel{T}"/> cannot replace
/// a queued item, so pending updates live in a keyed list (latest per (symbol, source) wins, delivery stays in
/// id order) and a one-slot channel is only the doorbell the client's writer awaits. A client that takes nothing
/// for <c>SlowClientTimeout</c>, or has more distinct updates pending than the capacity, is reported so the hub
/// can disconnect it; the producer never waits for a client.
/// </summary>
internal sealed class ClientQueue(int capacity, TimeSpan stallTimeout, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<StreamEvent> _pending = new();
    private readonly Dictionary<string, LinkedListNode<StreamEvent>> _byKey = new(StringComparer.Ordinal);
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // When the client last made progress, or when its queue last went from empty to non-empty.
    private long _waitingSince;
    private bool _closed;

    /// <summary>How long pending events have waited without the client taking any; zero when none wait.</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_gate) return _pending.Count == 0 ? TimeSpan.Zero : time.GetElapsedTime(_waitingSince);
        }
    }

    public EnqueueResult Enqueue(StreamEvent update)
    {
        EnqueueResult result;
        lock (_gate)
        {
            if (_closed) return EnqueueResult.Closed;
            var now = time.GetTimestamp();
            var wasEmpty = _pending.Count == 0;
            if (!wasEmpty && time.GetElapsedTime(_waitingSince, now) > stallTimeout) return EnqueueResult.Stalled;

            if (_byKey.Remove(update.Key, out var superseded))
            {
                _pending.Remove(superseded);
                result = EnqueueResult.Conflated;
            }
            else if (_pending.Count >= capacity)
            {
                return EnqueueResult.Overflow;
            }
            else
            {
                result = EnqueueResult.Enqueued;
            }

            if (wasEmpty) _waitingSince = now;
            _byKey[update.Key] = _pending.AddLast(update);
        }

        _doorbell.Writer.TryWrite(true);
        return result;
    }

    public bool TryDequeue([NotNullWhen(true)] out StreamEvent? update)
    {
        lock (_gate)
        {
            var first = _pending.First;
            if (first is null)
            {
                update = null;
                return false;
            }

            _pending.RemoveFirst();
            _byKey.Remove(first.Value.Key);
            _waitingSince = time.GetTimestamp();
            update = first.Value;
            return true;
        }
    }

    /// <summary>Waits until something may be pending; false once the queue is closed.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (!await _doorbell.Reader.WaitToReadAsync(cancellationToken)) return false;
        // Take the ring before draining: an enqueue racing with the drain rings again instead of being missed.
        _doorbell.Reader.TryRead(out _);
        return true;
    }

    /// <summary>Closes the queue and discards what is pending.</summary>
    /// <returns>How many events were discarded.</returns>
    public int Close()
    {
        int discarded;
        lock (_gate)
        {
            _closed = true;
            discarded = _pending.Count;
            _pending.Clear();
            _byKey.Clear();
        }

        _doorbell.Writer.TryComplete();
        return discarded;
    }
}
