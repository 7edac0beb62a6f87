namespace CryptoViz.Ingest.Storage;

/// <summary>
/// Where the stored candles end: before <see cref="Value"/> candle queries read <c>candles_1m</c>, from it on the raw
/// ticks. It moves only forward, with each rollup; a tick stored behind it is merged into its candle in the same
/// transaction (<see cref="PriceStore.CandleLock"/> keeps the two apart). Null while no candle is stored, and then
/// every query reads raw ticks.
/// </summary>
public sealed class CandleHorizon
{
    private long _rolledUpTo;

    public DateTime? Value => Interlocked.Read(ref _rolledUpTo) is var ticks and > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null;

    internal void RolledUpTo(DateTime end) => Interlocked.Exchange(ref _rolledUpTo, end.Ticks);
}
