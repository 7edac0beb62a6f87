using System.Threading.Channels;

namespace CryptoViz.Stream.Services;

/// <summary>
/// One client's bounded queue of pending events. A plain <see cref="Channel{T}"/> cannot replace a queued item, so
/// pending events live in a list with a key index (latest per key wins and moves to the end, so delivery stays in id
/// order) and a one-slot channel is only the doorbell the client's writer awaits, rung when the queue stops being
/// empty. The writer takes everything pending at once (<see cref="TakeAll"/>), which swaps the list for a spare:
/// one lock per write, not per event. A client that takes nothing for <c>SlowClientTimeout</c>, or has more distinct
/// events pending than the capacity, is reported so the hub can disconnect it; the producer never waits for a client.
/// </summary>
internal sealed class ClientQueue(int capacity, TimeSpan stallTimeout, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slotByKey = new(StringComparer.Ordinal);
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Superseded events leave a null slot behind; the writer skips them.
    private List<StreamEvent?> _pending = [];
    private List<StreamEvent?> _spare = [];

    // When the client last made progress, or when its queue last went from empty to non-empty.
    private long _waitingSince;
    private bool _closed;

    /// <summary>How long pending events have waited without the client taking any; zero when none wait.</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_gate) return _slotByKey.Count == 0 ? TimeSpan.Zero : time.GetElapsedTime(_waitingSince);
        }
    }

    public EnqueueResult Enqueue(StreamEvent update)
    {
        EnqueueResult result;
        bool wasEmpty;
        lock (_gate)
        {
            if (_closed) return EnqueueResult.Closed;
            var now = time.GetTimestamp();
            wasEmpty = _slotByKey.Count == 0;
            if (!wasEmpty && time.GetElapsedTime(_waitingSince, now) > stallTimeout) return EnqueueResult.Stalled;

            if (_slotByKey.Remove(update.Key, out var superseded))
            {
                _pending[superseded] = null;
                result = EnqueueResult.Conflated;
            }
            else if (_slotByKey.Count >= capacity)
            {
                return EnqueueResult.Overflow;
            }
            else
            {
                result = EnqueueResult.Enqueued;
            }

            if (wasEmpty) _waitingSince = now;
            _slotByKey[update.Key] = _pending.Count;
            _pending.Add(update);
        }

        // The writer drains everything it is woken for, so only the first event after a drain needs to wake it.
        if (wasEmpty) _doorbell.Writer.TryWrite(true);
        return result;
    }

    /// <summary>
    /// Everything pending, in id order, with null where a newer event replaced an older one. The list is the writer's
    /// until its next call, which hands it back as the spare.
    /// </summary>
    public List<StreamEvent?> TakeAll()
    {
        lock (_gate)
        {
            var taken = _pending;
            _spare.Clear();
            _pending = _spare;
            _spare = taken;
            _slotByKey.Clear();
            _waitingSince = time.GetTimestamp();
            return taken;
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
            discarded = _slotByKey.Count;
            _pending.Clear();
            _slotByKey.Clear();
        }

        _doorbell.Writer.TryComplete();
        return discarded;
    }
}
