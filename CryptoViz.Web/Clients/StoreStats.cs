namespace CryptoViz.Web.Clients;

/// <summary>Ingest's <c>GET /api/stats</c>; <c>ConsumerLag</c> is null until librdkafka's first statistics report.</summary>
public sealed record StoreStats(
    long Rows, long Coins, long Sources, long DatabaseBytes, DateTime? Oldest, DateTime? Newest, long? ConsumerLag);
