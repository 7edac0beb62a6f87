using System.Runtime.InteropServices;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Ingest.Storage;

/// <summary>
/// An exact in-memory index of the recently stored natural keys, so that most records skip the anti-join against
/// the table. Per (symbol, source) it keeps the last <see cref="TimesPerKey"/> stored quote times and a floor such
/// that every stored time at or after the floor is among them. A record at or after its floor is therefore decided
/// here (new, or a redelivery); only older ones (late quotes, back-fills, redeliveries beyond the window) go to the
/// anti-join. At start the floor is just after the newest stored time of each key. Deleting rows keeps the index
/// safe: it may only remember more than the table holds, and what retention deletes is old. Owned by the writer.
/// <para>
/// It holds at most <c>maxSeries</c> series after each batch: beyond that it forgets the ones that went longest without
/// a tick (each source name or symbol a producer makes up is one more). Nothing but the index keeps a key it decided
/// new from being stored twice (the table has no key), so forgetting must not make a stored key look new: a series the
/// index takes up afresh gets as its floor the end of everything it forgot. Its older times, a forgotten series' own
/// among them, go to the anti-join; a new series' live ticks, later than that, are decided here as before.
/// </para>
/// </summary>
internal sealed class RecentKeyIndex(int maxSeries, IngestTelemetry telemetry)
{
    /// <summary>At one quote per key and second, a minute of redeliveries is decided in memory; 1 KiB per key.</summary>
    public const int TimesPerKey = 128;

    private readonly Dictionary<(string Symbol, string Source), KeyTimes> _keys = [];

    // The keys with pending times in the current batch.
    private readonly List<KeyTimes> _claimed = [];

    // Every stored time of a series the index does not hold is before this: the floor of a series taken up afresh.
    private long _forgottenBefore = long.MinValue;

    // Batches ended so far: when each series last had a tick, to forget the ones that went longest without.
    private long _batches;

    /// <summary>
    /// What the index knows of a row's key, in one lookup. A new key time is held as pending until the batch's
    /// transaction ends (<see cref="Commit"/> or <see cref="Discard"/>), so the same key time later in the batch is
    /// found stored.
    /// </summary>
    public KeyState Claim(string symbol, string source, DateTime timestamp)
    {
        var times = Times(symbol, source);
        times.LastBatch = _batches;
        var ticks = StoredTicks(timestamp);
        if (ticks < times.Floor) return KeyState.Unknown;
        if (times.Contains(ticks)) return KeyState.Stored;
        if (!times.Pending.Add(ticks)) return KeyState.Stored;
        if (times.Pending.Count == 1) _claimed.Add(times);
        return KeyState.New;
    }

    /// <summary>The batch's transaction committed: its new key times are stored.</summary>
    public void Commit()
    {
        foreach (var times in _claimed)
        {
            foreach (var ticks in times.Pending)
            {
                times.Add(ticks);
            }

            times.Pending.Clear();
        }

        _claimed.Clear();
        EndBatch();
    }

    /// <summary>The batch's transaction failed: nothing of it is stored.</summary>
    public void Discard()
    {
        foreach (var times in _claimed)
        {
            times.Pending.Clear();
        }

        _claimed.Clear();
        EndBatch();
    }

    // Between batches no time is pending, so any series may go.
    private void EndBatch()
    {
        _batches++;
        var excess = _keys.Count - maxSeries;
        if (excess > 0)
        {
            foreach (var (key, times) in _keys.OrderBy(entry => entry.Value.LastBatch).Take(excess).ToList())
            {
                _keys.Remove(key);
                _forgottenBefore = Math.Max(_forgottenBefore, times.StoredBefore);
            }

            telemetry.RecentKeySeriesForgotten.Add(excess);
        }

        telemetry.RecentKeySeries.Record(_keys.Count);
    }

    /// <summary>At start: nothing of this key is stored after <paramref name="newest"/>.</summary>
    public void Load(string symbol, string source, DateTime newest) => Times(symbol, source).Floor = StoredTicks(newest) + 1;

    /// <summary>DuckDB's TIMESTAMP keeps microseconds: two quote times within one microsecond are one key.</summary>
    public static long StoredTicks(DateTime time) => V2Time.TruncateToMicroseconds(time).Ticks;

    private KeyTimes Times(string symbol, string source)
    {
        ref var times = ref CollectionsMarshal.GetValueRefOrAddDefault(_keys, (symbol, source), out _);
        return times ??= new KeyTimes { Floor = _forgottenBefore };
    }

    private sealed class KeyTimes
    {
        private readonly long[] _ring = new long[TimesPerKey];
        private int _count;
        private int _next;

        // Every time in the ring is at or before this, so a quote newer than it (most are) skips the scan of the ring.
        private long _newest = long.MinValue;

        /// <summary>Every stored time at or after this is in the ring.</summary>
        public long Floor { get; set; }

        /// <summary>Every stored time of the key is before this.</summary>
        public long StoredBefore => Math.Max(Floor, _newest + 1);

        /// <summary>The last batch that had a tick of the key.</summary>
        public long LastBatch { get; set; }

        /// <summary>Times claimed by the batch being written, not stored yet.</summary>
        public HashSet<long> Pending { get; } = [];

        public bool Contains(long ticks) => ticks <= _newest && _ring.AsSpan(0, _count).Contains(ticks);

        public void Add(long ticks)
        {
            if (_count == TimesPerKey)
            {
                // The evicted time leaves the ring, so the floor moves past it.
                Floor = Math.Max(Floor, _ring[_next] + 1);
            }
            else
            {
                _count++;
            }

            _ring[_next] = ticks;
            _next = (_next + 1) % TimesPerKey;
            _newest = Math.Max(_newest, ticks);
        }
    }
}

/// <summary>What <see cref="RecentKeyIndex"/> knows of a record's natural key.</summary>
internal enum KeyState
{
    /// <summary>Not stored yet.</summary>
    New,

    /// <summary>Already stored: a redelivery.</summary>
    Stored,

    /// <summary>Older than the index remembers: only the table can tell.</summary>
    Unknown,
}
