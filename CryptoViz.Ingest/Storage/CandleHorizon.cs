namespace CryptoViz.Ingest.Storage;

/// <summary>
/// How far the stored candles are final: before <see cref="Value"/> candle queries read <c>candles_1m</c>, from it on
/// the raw ticks. Two marks make it: the minute the last rollup reached, and the earliest minute that got ticks since
/// (live ticks, but also late or back-filled ones far behind); the earlier one wins. Unknown (null) until the first
/// rollup of this process, and then every query reads raw ticks.
/// </summary>
public sealed class CandleHorizon
{
    private long _rolledUpTo;
    private long _dirtyFrom = long.MaxValue;

    public DateTime? Value
    {
        get
        {
            var rolled = Interlocked.Read(ref _rolledUpTo);
            if (rolled == 0) return null;
            var dirty = Interlocked.Read(ref _dirtyFrom);
            return new DateTime(Math.Min(rolled, dirty - dirty % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        }
    }

    /// <summary>Told by the writer after each commit that stored rows: the batch's earliest tick time.</summary>
    internal void MarkWritten(DateTime earliest)
    {
        var ticks = earliest.Ticks;
        var seen = Interlocked.Read(ref _dirtyFrom);
        while (ticks < seen && Interlocked.CompareExchange(ref _dirtyFrom, ticks, seen) != seen) seen = Interlocked.Read(ref _dirtyFrom);
    }

    /// <summary>The rollup takes the dirty mark when it starts (and gives it back with <see cref="MarkWritten"/> if it fails).</summary>
    internal DateTime? TakeDirty() =>
        Interlocked.Exchange(ref _dirtyFrom, long.MaxValue) is var ticks and < long.MaxValue ? new DateTime(ticks, DateTimeKind.Utc) : null;

    internal void RolledUpTo(DateTime end) => Interlocked.Exchange(ref _rolledUpTo, end.Ticks);
}
