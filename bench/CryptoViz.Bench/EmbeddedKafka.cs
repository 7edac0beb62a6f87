using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using CryptoViz.Hosting.Kafka;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoViz.Bench;

/// <summary>The AppHost's embedded broker plus the client settings embedded mode needs (docs/embedded-broker.md#consumer-settings-for-embedded-mode).</summary>
internal static class EmbeddedKafka
{
    public static EmbeddedKafkaBroker Start(string topic, int partitions) =>
        EmbeddedKafkaBroker.Start([new KafkaTopic(topic, partitions)], NullLogger.Instance);

    /// <summary>What Ingest and Stream run with in embedded mode: the mock holds an empty fetch for the whole wait.</summary>
    public static ConsumerConfig ConsumerConfig(string bootstrap, string groupId) => new()
    {
        BootstrapServers = bootstrap,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        FetchWaitMaxMs = 10,
        FetchQueueBackoffMs = 100,
        SessionTimeoutMs = 6000,
        HeartbeatIntervalMs = 1000,
    };

    /// <summary>The scraper's producer settings; linger stays at the 5 ms default.</summary>
    public static ProducerConfig ProducerConfig(string bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        EnableIdempotence = true,
        Acks = Acks.All,
        Partitioner = Partitioner.Murmur2Random,
        LingerMs = 5,
    };

    /// <summary>Produce, waiting out a full local queue instead of failing.</summary>
    public static void ProduceWithBackpressure(IProducer<string, byte[]> producer, string topic, Message<string, byte[]> message)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message);
                return;
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }
}
