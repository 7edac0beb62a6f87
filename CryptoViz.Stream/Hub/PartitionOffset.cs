namespace CryptoViz.Stream.Hub;

/// <summary>Where a record sits in the broker's log: the same on every Stream instance, since each reads every partition.</summary>
internal readonly record struct PartitionOffset(string Topic, int Partition, long Offset);
