using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>Every key published to <c>crypto-raw-data</c> since the app started, and where each partition ended.</summary>
public sealed record PublishedKeys(HashSet<StoredKey> Keys, IReadOnlyList<TopicPartitionOffset> Ends)
{
    public static PublishedKeys ReadAll(string bootstrap, IReadOnlyList<TopicPartition> partitions)
    {
        using var consumer = BrokerReads.Consumer(bootstrap);
        var ends = partitions.Select(tp => new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High)).ToList();
        var keys = new HashSet<StoredKey>();
        foreach (var end in ends.Where(e => e.Offset.Value > 0))
        {
            foreach (var result in BrokerReads.Range(consumer, new TopicPartitionOffset(end.TopicPartition, Offset.Beginning), end.Offset.Value - 1))
            {
                var price = System.Text.Json.JsonSerializer.Deserialize(result.Message.Value, CryptoVizJsonContext.Default.CryptoPrice)!;
                keys.Add(StoredKey.Of(price.Symbol, price.Source, price.EventTime));
            }
        }

        return new PublishedKeys(keys, ends);
    }
}
