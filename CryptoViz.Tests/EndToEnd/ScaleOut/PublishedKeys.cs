using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>Every key published to <c>crypto-raw-data</c> since the app started, and where each partition ended.</summary>
public sealed record PublishedKeys(HashSet<StoredKey> Keys, IReadOnlyList<TopicPartitionOffset> Ends)
{
    public static PublishedKeys ReadAll(string bootstrap, IReadOnlyList<TopicPartition> partitions)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"published-keys-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, _) => { }).Build();
        var ends = partitions.Select(tp => new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High)).ToList();
        var keys = new HashSet<StoredKey>();
        foreach (var end in ends.Where(e => e.Offset.Value > 0))
        {
            consumer.Assign(new TopicPartitionOffset(end.TopicPartition, Offset.Beginning));
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{end.TopicPartition} not read up to {end.Offset}");
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result) continue;
                var price = System.Text.Json.JsonSerializer.Deserialize(result.Message.Value, CryptoVizJsonContext.Default.CryptoPrice)!;
                keys.Add(StoredKey.Of(price.Symbol, price.Source, price.EventTime));
                if (result.Offset.Value >= end.Offset.Value - 1) break;
            }
        }

        return new PublishedKeys(keys, ends);
    }
}
