using Confluent.Kafka;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.Kafka;
using CryptoViz.ServiceDefaults.Messaging;

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

    /// <summary>
    /// When each record arrived, to parent its process span on the producer's trace. Kept only while spans are recorded:
    /// otherwise every consumed message (its key, value and headers) would live until its batch is stored, which
    /// pushes them out of the young generation and makes the collector copy them.
    /// </summary>
    public List<(ConsumeResult<string, byte[]> Result, DateTimeOffset ReceivedAt)> Received { get; } = [];

    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>Messages of this batch sent to the dead-letter topic, which must be delivered before its offsets are stored.</summary>
    public int DeadLettered { get; set; }

    public bool IsEmpty => _nextOffsets.Count == 0;

    public IEnumerable<TopicPartitionOffset> OffsetsToCommit =>
        _nextOffsets.Select(p => new TopicPartitionOffset(p.Key, p.Value));

    public void Reset()
    {
        _nextOffsets.Clear();
        Prices.Clear();
        Received.Clear();
        OpenedAt = null;
        DeadLettered = 0;
    }

    public void Add(ConsumeResult<string, byte[]> result, CryptoPrice? price, DateTimeOffset now)
    {
        OpenedAt ??= now;
        _nextOffsets[result.TopicPartition] = result.Offset + 1;
        if (price is null) return;
        Prices.Add(price);
        if (KafkaTelemetry.IsTracing) Received.Add((result, now));
    }
}
