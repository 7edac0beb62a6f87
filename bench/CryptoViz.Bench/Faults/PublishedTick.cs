using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// A valid record on <c>crypto-raw-data</c>: its natural key in Ingest's store, (symbol, source, event_time) to the
/// microsecond (CryptoViz.Ingest/Storage/PriceSchema.cs), and its <see cref="Print"/>, what a stored row shows of it
/// through the ticks API, which does not return event_time.
/// </summary>
internal sealed record PublishedTick(
    string Symbol, string Source, DateTime EventTime, DateTime Timestamp, DateTime IngestionTimestamp, string ProducerId)
{
    public static PublishedTick Of(CryptoPrice price) => new(price.Symbol, price.Source, V2Time.TruncateToMicroseconds(price.EventTime),
        V2Time.TruncateToMicroseconds(price.Timestamp), V2Time.TruncateToMicroseconds(price.IngestionTimestamp), price.ProducerId);

    public (string Symbol, string Source, DateTime EventTime) Key => (Symbol, Source, EventTime);

    /// <summary>
    /// Unique per publication: the publish time has microseconds. A redelivery carries the same bytes, so the same print;
    /// a quote published twice has two prints and one key.
    /// </summary>
    public RowPrint Print => new(Symbol, Source, Timestamp, IngestionTimestamp);
}

/// <summary>What identifies a stored row of <c>crypto_prices</c> as a publication: see <see cref="PublishedTick.Print"/>.</summary>
internal readonly record struct RowPrint(string Symbol, string Source, DateTime Timestamp, DateTime IngestionTimestamp);

/// <summary>One message of <c>crypto-raw-data</c> as the bench read it; <see cref="Tick"/> is null when Ingest would reject it.</summary>
internal sealed record RawMessage(int Partition, long Offset, DateTime PublishedAt, PublishedTick? Tick);
