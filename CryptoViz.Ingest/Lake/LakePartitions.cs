using Confluent.Kafka;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The partitions of <c>crypto-raw-data</c> and <c>crypto-candles</c> this replica's lake writer owns, the name each is
/// written under (<see cref="LakeGenerations"/>) and how far each is committed. Only an owner writes or compacts a
/// partition's files; <see cref="Lock"/> is held by each segment write and each compaction of a partition, and by a
/// revocation, so a partition's files change one step at a time, and never after it is gone.
/// </summary>
internal sealed class LakePartitions
{
    private readonly Dictionary<TopicPartition, LakeProgress> _owned = [];

    public Lock Lock { get; } = new();

    /// <summary>Held under <see cref="Lock"/>.</summary>
    public void Own(TopicPartition partition, string lakeTopic, long? committedLast) => _owned[partition] = new(lakeTopic, committedLast ?? -1);

    /// <summary>Held under <see cref="Lock"/>.</summary>
    public void Release(TopicPartition partition) => _owned.Remove(partition);

    /// <summary>Held under <see cref="Lock"/>.</summary>
    public void Committed(TopicPartition partition, long last) => _owned[partition] = _owned[partition] with { Committed = last };

    /// <summary>An owned partition's progress (committed -1 before its first segment); held under <see cref="Lock"/>.</summary>
    public bool TryGet(TopicPartition partition, out LakeProgress progress) => _owned.TryGetValue(partition, out progress);

    /// <summary>The owned partitions and their progress, as of now.</summary>
    public IReadOnlyDictionary<TopicPartition, LakeProgress> Snapshot()
    {
        lock (Lock) return new Dictionary<TopicPartition, LakeProgress>(_owned);
    }
}

/// <summary>Where an owned partition's lake is: the name it is written under, and its last committed offset.</summary>
internal readonly record struct LakeProgress(string LakeTopic, long Committed);
