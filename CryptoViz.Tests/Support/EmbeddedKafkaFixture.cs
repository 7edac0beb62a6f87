using Confluent.Kafka;
using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Tests.Support;

/// <summary>
/// An in-process Kafka broker (librdkafka's mock cluster) for one test class or collection. It lives as long as
/// the fixture's anchoring client; its data and topics go with it. CryptoViz's topics exist from the start, as
/// the AppHost creates them; create others with <see cref="CreateTopic"/>: auto-creation would give 4
/// partitions, and AdminClient topic calls are unsupported by the mock.
/// </summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    private readonly IProducer<Null, Null> _anchor;
    private readonly IntPtr _cluster;

    public EmbeddedKafkaFixture()
    {
        var config = new ProducerConfig { BootstrapServers = "unused:9092" };
        config.Set("test.mock.num.brokers", "1");
        _anchor = new ProducerBuilder<Null, Null>(config).SetLogHandler((_, _) => { }).Build();
        _cluster = MockCluster.Of(_anchor.Handle);
        BootstrapServers = MockCluster.Bootstraps(_cluster);
        // The mock's default makes the first member of every new group wait 3 s.
        MockCluster.SetInitialRebalanceDelay(_cluster, TimeSpan.Zero);
        foreach (var topic in Topics.All) CreateTopic(topic, Topics.SeedPartitions);
    }

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, what <c>ConnectionStrings:kafka</c> should say.</summary>
    public string BootstrapServers { get; }

    /// <summary>
    /// Configuration that points a service at this broker with the client settings the mock needs: it holds an
    /// empty fetch for the whole <c>fetch.wait.max.ms</c>, and a group member that left blocks the next join for
    /// the session timeout less a second.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> ServiceConfiguration =>
    [
        new("ConnectionStrings:kafka", BootstrapServers),
        new("Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs", "10"),
        new("Aspire:Confluent:Kafka:Consumer:Config:SessionTimeoutMs", "6000"),
        new("Aspire:Confluent:Kafka:Consumer:Config:HeartbeatIntervalMs", "1000"),
    ];

    /// <summary>Creates a topic; one that already exists is left as it is.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        var error = MockCluster.CreateTopic(_cluster, topic, partitions);
        if (error is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)) throw new KafkaException(error);
    }

    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>() =>
        new ProducerBuilder<TKey, TValue>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 5 })
            .SetLogHandler((_, _) => { })
            .Build();

    public void Dispose() => _anchor.Dispose();
}
