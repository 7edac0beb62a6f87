using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using CryptoViz.Hosting.Kafka;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoViz.Tests.Support;

/// <summary>
/// The AppHost's embedded broker (librdkafka's mock cluster) in the test process: the real Kafka wire
/// protocol on 127.0.0.1, with CryptoViz's topics created as the AppHost creates them. It lives as long
/// as the fixture. Share it per class or collection and use a fresh group id per test: a group a test
/// left behind delays the next join by the session timeout.
/// </summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker =
        EmbeddedKafkaBroker.Start([.. Topics.All.Select(t => new KafkaTopic(t, Topics.SeedPartitions))], NullLogger.Instance);

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>, what <c>ConnectionStrings:kafka</c> should say.</summary>
    public string BootstrapServers => _broker.BootstrapServers;

    /// <summary>
    /// Configuration that points a service at this broker with the client settings the mock needs: it holds an
    /// empty fetch for the whole <c>fetch.wait.max.ms</c>, and a member that left blocks the next join for the
    /// session timeout less a second.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>> ServiceConfiguration =>
    [
        new("ConnectionStrings:kafka", BootstrapServers),
        new("Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs", "10"),
        new("Aspire:Confluent:Kafka:Consumer:Config:SessionTimeoutMs", "6000"),
        new("Aspire:Confluent:Kafka:Consumer:Config:HeartbeatIntervalMs", "1000"),
    ];

    /// <summary>Creates a topic; one that already exists is left as it is (the mock's admin API cannot do this).</summary>
    public void CreateTopic(string name, int partitions = Topics.SeedPartitions) => _broker.CreateTopic(new KafkaTopic(name, partitions));

    /// <summary>The broker refuses <paramref name="topic"/> with <paramref name="error"/> (or serves it again with <see cref="ErrorCode.NoError"/>).</summary>
    public void SetTopicError(string topic, ErrorCode error) => _broker.SetTopicError(topic, error);

    /// <summary>The broker goes away (every client's connection closes, new ones are refused) or comes back.</summary>
    public void SetBrokerDown(bool down) => _broker.SetDown(down);

    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>() =>
        new ProducerBuilder<TKey, TValue>(new ProducerConfig { BootstrapServers = BootstrapServers, LingerMs = 5 })
            .SetLogHandler((_, _) => { })
            .Build();

    public void Dispose() => _broker.Dispose();
}
