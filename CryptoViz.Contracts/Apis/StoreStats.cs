namespace CryptoViz.Contracts.Apis;

/// <summary>The size and freshness of the store, and how far the ingest consumer is behind.</summary>
/// <param name="ConsumerLag">Messages on <c>crypto-raw-data</c> not stored in DuckDB yet (between the ingest consumer's stored offsets and the partitions' ends), from librdkafka's last statistics; null before the first report.</param>
public sealed record StoreStats(
    long Rows, long Coins, long Sources, long DatabaseBytes, DateTime? Oldest, DateTime? Newest, long? ConsumerLag);
