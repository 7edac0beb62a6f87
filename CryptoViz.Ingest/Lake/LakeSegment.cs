using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Storage;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The records of one partition since its last segment: the valid ones, each natural key once, at its first offset. A
/// tick's key is (symbol, source, event_time to the microsecond, as stored); a history candle's (symbol, source, minute).
/// Rows already in the lake at earlier offsets are dropped when the segment is written (<see cref="LakeSegmentWriter"/>).
/// </summary>
internal sealed class LakeSegment(string topic, int partition, long first, long? forcedLast = null)
{
    private readonly HashSet<(string Symbol, string Source, long Ticks)> _keys = [];

    // The last record's Kafka timestamp and key, kept as they come: its identity is only formatted for the cut.
    private long? _lastTimestampMs;
    private string? _lastKey;

    /// <summary>The name the partition's records are written under (<see cref="LakeGenerations"/>).</summary>
    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    /// <summary>The first offset the segment covers: just after the last committed one, where the partition resumed.</summary>
    public long First { get; } = first;

    /// <summary>The last offset taken, or one before <see cref="First"/> while none is.</summary>
    public long Last { get; private set; } = first - 1;

    /// <summary>The identity of the last record taken (<see cref="LakeRecordIdentity"/>), written down with the cut.</summary>
    public string? LastRecord => _lastTimestampMs is { } timestampMs ? LakeRecordIdentity.Of(timestampMs, _lastKey) : null;

    /// <summary>When its first record came.</summary>
    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>The cut a writer before us wrote down (<see cref="LakeCheckpoint"/>): this segment must end exactly there.</summary>
    public long? ForcedLast { get; } = forcedLast;

    /// <summary>The ticks of a segment of <c>crypto-raw-data</c>.</summary>
    public PriceRows Rows { get; } = new();

    /// <summary>The history candles of a segment of <c>crypto-candles</c>.</summary>
    public LakeHistoryRows History { get; } = new();

    public bool IsHistory { get; } = LakeGenerations.KafkaTopic(topic) == Topics.Candles;

    /// <summary>Records the validator refused: never in the lake (the hot store dead-letters them).</summary>
    public int Skipped { get; private set; }

    /// <summary>Records (history: candles) whose key came earlier in this segment.</summary>
    public int Duplicates { get; private set; }

    public long Offsets => Last - First + 1;

    public LakeFileName Name => new(Topic, Partition, First, Last);

    /// <summary>Notes the Kafka timestamp and key of the record at <see cref="Last"/>.</summary>
    public void Took(long timestampMs, string? key) => (_lastTimestampMs, _lastKey) = (timestampMs, key);

    /// <param name="price">The record, or null when the validator refused it.</param>
    public void Add(long offset, CryptoPrice? price, DateTimeOffset now)
    {
        OpenedAt ??= now;
        Last = offset;
        if (price is null) Skipped++;
        else if (_keys.Add((price.Symbol, price.Source, RecentKeyIndex.StoredTicks(price.EventTime)))) Rows.Add(price);
        else Duplicates++;
    }

    /// <param name="page">The history page, or null when the validator refused it.</param>
    public void Add(long offset, CandleBatch? page, DateTimeOffset now)
    {
        OpenedAt ??= now;
        Last = offset;
        if (page is null)
        {
            Skipped++;
            return;
        }

        foreach (var candle in page.Candles)
        {
            if (_keys.Add((page.Symbol, page.Source, candle.Time.Ticks))) History.Add(page.Symbol, page.Source, candle);
            else Duplicates++;
        }
    }

    /// <summary>
    /// A segment with a cut written down ends there, whatever its size or age. A page holds up to a thousand candles, so
    /// a segment of history is also cut by the candles it holds.
    /// </summary>
    public bool IsDue(DateTimeOffset now, LakeOptions options) => ForcedLast is { } last
        ? Last >= last
        : Offsets >= options.SegmentRecords || History.Count >= options.SegmentRecords || now - OpenedAt >= options.SegmentAge;

    /// <summary>How long until the segment is due by age, as far as the clock can tell.</summary>
    public TimeSpan? DueIn(DateTimeOffset now, LakeOptions options) => ForcedLast is null && OpenedAt is { } opened
        ? TimeSpan.FromTicks(Math.Max(0, (opened + options.SegmentAge - now).Ticks))
        : null;
}
