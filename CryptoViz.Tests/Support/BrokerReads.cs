using Confluent.Kafka;

namespace CryptoViz.Tests.Support;

/// <summary>Reads a topic the way a test checks what the broker holds: a consumer of its own, one partition range at a time.</summary>
public static class BrokerReads
{
    public static IConsumer<string, byte[]> Consumer(string bootstrap) =>
        new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"broker-reads-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, _) => { }).Build();

    /// <summary>Every record of <paramref name="from"/>'s partition from its offset up to <paramref name="last"/>, inclusive.</summary>
    public static IEnumerable<ConsumeResult<string, byte[]>> Range(IConsumer<string, byte[]> consumer, TopicPartitionOffset from, long last)
    {
        consumer.Assign(from);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{from.TopicPartition} not read up to {last}");
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result) continue;
            yield return result;
            if (result.Offset.Value >= last) yield break;
        }
    }
}
