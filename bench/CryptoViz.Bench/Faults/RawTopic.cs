using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary><c>crypto-raw-data</c> as Ingest sees it: each message checked by the validator Ingest uses.</summary>
internal static class RawTopic
{
    public static TopicTail<RawMessage> Tail(string bootstrapServers) =>
        new(bootstrapServers, Topics.RawData, Topics.SeedPartitions, Read);

    private static RawMessage Read(ConsumeResult<string, byte[]> result) => new(
        result.Partition.Value,
        result.Offset.Value,
        result.Message.Timestamp.UtcDateTime,
        CryptoPriceValidator.TryParse(result.Message.Value, DateTime.UtcNow, out var price, out _) ? PublishedTick.Of(price!) : null);
}
