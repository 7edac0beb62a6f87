using Confluent.Kafka;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Records consumed but not yet stored, and the offsets to commit once they are. Reused once stored (<see cref="Reset"/>):
/// a batch's lists reach the large-object heap, and allocating them anew for every batch made the collector run full
/// collections under load.
/// </summary>
internal sealed class PendingBatch
{
    private readonly Dictionary<TopicPartition, Offset> _nextOffsets = [];

    public PriceRows Prices { get; } = new();

    public HistoryRows History { get; } = new();

    /// <summary>Ticks and history candles: what the batch size counts.</summary>
    public int Count => Prices.Count + History.Candles;

    /// <summary>
    /// When each record arrived, to parent its process span on the producer's trace. Kept only while spans are recorded:
    /// otherwise every consumed message (its key, value and headers) would live until its batch is stored, which
    /// pushes them out of the young generation and makes the collector copy them.
    /// </summary>
    public List<(ConsumeResult<string, byte[]> Result, DateTimeOffset ReceivedAt)> Received { get; } = [];

    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>Messages of this batch for the dead-letter topic, with why: delivered before its offsets are stored.</summary>
    public List<(ConsumeResult<string, byte[]> Message, string Reason)> DeadLetters { get; } = [];

    public bool IsEmpty => _nextOffsets.Count == 0;

    public IEnumerable<TopicPartitionOffset> OffsetsToCommit =>
        _nextOffsets.Select(p => new TopicPartitionOffset(p.Key, p.Value));

    public void Reset()
    {
        _nextOffsets.Clear();
        Prices.Clear();
        History.Clear();
        Received.Clear();
        OpenedAt = null;
        DeadLetters.Clear();
    }

    public void Add(ConsumeResult<string, byte[]> result, CryptoPrice price, DateTimeOffset now)
    {
        Consumed(result, now);
        Prices.Add(price);
        if (KafkaTelemetry.IsTracing) Received.Add((result, now));
    }

    public void Add(ConsumeResult<string, byte[]> result, CandleBatch page, DateTimeOffset now)
    {
        Consumed(result, now);
        History.Add(page);
        if (KafkaTelemetry.IsTracing) Received.Add((result, now));
    }

    /// <summary>A message for the dead-letter topic: only its offset counts, once the dead letter is delivered.</summary>
    public void AddDeadLetter(ConsumeResult<string, byte[]> result, string reason, DateTimeOffset now)
    {
        Consumed(result, now);
        DeadLetters.Add((result, reason));
    }

    private void Consumed(ConsumeResult<string, byte[]> result, DateTimeOffset now)
    {
        OpenedAt ??= now;
        _nextOffsets[result.TopicPartition] = result.Offset + 1;
    }
}
