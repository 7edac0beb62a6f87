using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace CryptoViz.Stream.Sse;

/// <summary>
/// One client's bounded queue of pending events. A plain <see cref="Channel{T}"/> cannot replace a queued item, so
/// pending events live in a list with a key index (latest per key wins and moves to the end, so delivery stays in id
/// order) and a one-slot channel is only the doorbell the client's writer awaits. The hub queues bursts
/// (<see cref="EnqueueAll"/>) and the writer takes everything pending at once (<see cref="TakeAll"/>, which swaps the
/// list for a spare): a lock per slice and per write, not per event. At most <c>capacity</c> events wait, in at most
/// twice as many list slots: a replaced event leaves an empty slot, and the list is compacted when they fill it. A client
/// that takes nothing for <c>SlowClientTimeout</c>, or would have more than <c>capacity</c> distinct events pending, is
/// reported so the hub can disconnect it; the producer never waits for a client.
/// </summary>
internal sealed class ClientQueue(int capacity, TimeSpan stallTimeout, TimeProvider time)
{
    /// <summary>Events queued per lock hold.</summary>
    private const int SliceLength = 64;

    /// <summary>List slots a queue keeps for good; what a burst adds, and its key index, is given back after it.</summary>
    internal const int RetainedEntries = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slotByKey = new(StringComparer.Ordinal);
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Superseded events leave a null slot behind; the writer skips them.
    private List<StreamEvent?> _pending = [];
    private List<StreamEvent?> _spare = [];

    // Events in _pending that nothing replaced yet: at most the capacity.
    private int _live;

    // When the client last made progress, or when its queue last went from empty to non-empty.
    private long _waitingSince;
    private bool _closed;

    /// <summary>How long pending events have waited without the client taking any; zero when none wait.</summary>
    public TimeSpan Lag
    {
        get
        {
            lock (_gate) return _live == 0 ? TimeSpan.Zero : time.GetElapsedTime(_waitingSince);
        }
    }

    /// <summary>
    /// Queues the events that match <paramref name="filter"/>, in order, counting each queued one in
    /// <paramref name="queued"/> (same index as <paramref name="updates"/>) and each pending one it replaced in
    /// <paramref name="conflated"/>. Events that arrive together are all queued while there is room: only what was
    /// already waiting is replaced, so a client that keeps up loses nothing to conflation; once the queue is full, an
    /// event replaces the burst's own earlier one of its key too. The lock is taken once per slice of
    /// <see cref="SliceLength"/> events, so the writer is never kept from its events for long. Stops at the first event
    /// the client cannot take.
    /// </summary>
    /// <returns><see cref="EnqueueResult.Enqueued"/>, or why the client must go.</returns>
    public EnqueueResult EnqueueAll(ReadOnlySpan<StreamEvent> updates, ClientFilter filter, Span<int> queued, ref int conflated)
    {
        var burstStart = -1;
        for (var start = 0; start < updates.Length; start += SliceLength)
        {
            var end = Math.Min(updates.Length, start + SliceLength);
            var result = EnqueueSlice(updates, start, end, filter, queued, ref conflated, ref burstStart, out var ring);
            if (ring) _doorbell.Writer.TryWrite(true);
            if (result != EnqueueResult.Enqueued) return result;
        }

        return EnqueueResult.Enqueued;
    }

    private EnqueueResult EnqueueSlice(ReadOnlySpan<StreamEvent> updates, int start, int end, ClientFilter filter, Span<int> queued,
        ref int conflated, ref int burstStart, out bool ring)
    {
        ring = false;
        lock (_gate)
        {
            if (_closed) return EnqueueResult.Closed;
            var now = time.GetTimestamp();
            if (_live == 0) _waitingSince = now;
            else if (time.GetElapsedTime(_waitingSince, now) > stallTimeout) return EnqueueResult.Stalled;

            // Where this burst's events begin in the list; a drain between slices starts a new list.
            if (burstStart < 0 || burstStart > _pending.Count) burstStart = _pending.Count;
            for (var i = start; i < end; i++)
            {
                var update = updates[i];
                if (!filter.Matches(update)) continue;
                if (_pending.Count == 2 * capacity) Compact(ref burstStart);
                // One lookup per event and client: at 10k events/s × 100 clients the key hashing is a visible share.
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slotByKey, update.Key, out var waiting);
                if (waiting)
                {
                    if (slot < burstStart || _live == capacity)
                    {
                        _pending[slot] = null;
                        _live--;
                        conflated++;
                    }
                }
                else if (_live == capacity)
                {
                    _slotByKey.Remove(update.Key);
                    return EnqueueResult.Overflow;
                }

                slot = _pending.Count;
                _pending.Add(update);
                _live++;
                queued[i]++;
                ring = true;
            }
        }

        return EnqueueResult.Enqueued;
    }

    /// <summary>
    /// Drops the empty slots, keeping the order, and moves the key index and the burst's start along. Called when the
    /// list reaches twice the capacity, so at least half of it is freed: amortised, a constant per event.
    /// </summary>
    private void Compact(ref int burstStart)
    {
        var kept = 0;
        var movedBurstStart = -1;
        for (var i = 0; i < _pending.Count; i++)
        {
            if (i == burstStart) movedBurstStart = kept;
            if (_pending[i] is not { } update) continue;
            // Only a key's newest event is indexed; an older one of the same burst stays unindexed.
            ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(_slotByKey, update.Key);
            if (slot == i) slot = kept;
            _pending[kept++] = update;
        }

        _pending.RemoveRange(kept, _pending.Count - kept);
        burstStart = movedBurstStart < 0 ? kept : movedBurstStart;
    }

    /// <summary>
    /// Everything pending, in id order, with null where a newer event replaced an older one. The list is the writer's
    /// until its next call, which hands it back as the spare.
    /// </summary>
    public List<StreamEvent?> TakeAll()
    {
        // Take the ring before draining: an enqueue racing with the drain rings again instead of being missed.
        _doorbell.Reader.TryRead(out _);
        lock (_gate)
        {
            var taken = _pending;
            _spare.Clear();
            _pending = _spare;
            _spare = taken;
            _slotByKey.Clear();
            _live = 0;
            _waitingSince = time.GetTimestamp();
            // A take far smaller than the storage an earlier one grew: that burst is over. Under a steady load takes
            // stay alike, so nothing is given back only to be grown again.
            if (taken.Count < _pending.Capacity / 4) GiveBackPending();
            return taken;
        }
    }

    /// <summary>
    /// Gives back what a burst grew beyond <see cref="RetainedEntries"/>, the spare list included: for the writer to call
    /// between sends when the client has been quiet, so that an idle client holds no burst-sized storage.
    /// </summary>
    public void Shrink()
    {
        lock (_gate)
        {
            if (_spare.Capacity > RetainedEntries) _spare = [];
            if (_live == 0) GiveBackPending();
        }
    }

    private void GiveBackPending()
    {
        if (_pending.Count == 0 && _pending.Capacity > RetainedEntries) _pending = [];
        if (_slotByKey.Count == 0) _slotByKey.TrimExcess();
    }

    /// <summary>
    /// Waits until something may be pending, or <see cref="Ring"/> was called; false once the queue is closed. It takes no
    /// token: a cancellable wait registers with the token and allocates each time, per client per event, so whoever would
    /// cancel it rings instead.
    /// </summary>
    public ValueTask<bool> WaitAsync() => _doorbell.Reader.WaitToReadAsync(CancellationToken.None);

    /// <summary>Wakes the writer's <see cref="WaitAsync"/> without an event: to stop it, or for a heartbeat.</summary>
    public void Ring() => _doorbell.Writer.TryWrite(true);

    /// <summary>Closes the queue and discards what is pending.</summary>
    /// <returns>How many events were discarded.</returns>
    public int Close()
    {
        int discarded;
        lock (_gate)
        {
            _closed = true;
            discarded = _live;
            _live = 0;
            _pending.Clear();
            _slotByKey.Clear();
        }

        _doorbell.Writer.TryComplete();
        return discarded;
    }
}
