using Confluent.Kafka;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The partitions of <c>crypto-raw-data</c> and <c>crypto-candles</c> this replica's lake writer owns, and how far each is
/// committed. Only an owner writes or compacts a partition's files; <see cref="Lock"/> is held by each segment write and
/// each compaction of a partition, and by a revocation, so a partition's files change one step at a time, and never after
/// it is gone.
/// </summary>
internal sealed class LakePartitions
{
    private readonly Dictionary<TopicPartition, long> _committed = [];

    public Lock Lock { get; } = new();

    /// <summary>Held under <see cref="Lock"/>.</summary>
    public void Own(TopicPartition partition, long? committedLast) => _committed[partition] = committedLast ?? -1;

    /// <summary>Held under <see cref="Lock"/>.</summary>
    public void Release(TopicPartition partition) => _committed.Remove(partition);

    /// <summary>Held under <see cref="Lock"/>.</summary>
    public void Committed(TopicPartition partition, long last) => _committed[partition] = last;

    /// <summary>The last committed offset of an owned partition (-1 before its first segment); held under <see cref="Lock"/>.</summary>
    public bool TryGetCommitted(TopicPartition partition, out long last) => _committed.TryGetValue(partition, out last);

    /// <summary>The owned partitions and their last committed offsets, as of now.</summary>
    public IReadOnlyDictionary<TopicPartition, long> Snapshot()
    {
        lock (Lock) return new Dictionary<TopicPartition, long>(_committed);
    }
}
