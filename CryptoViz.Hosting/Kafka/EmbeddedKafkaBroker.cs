using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CryptoViz.Hosting.Kafka;

/// <summary>
/// librdkafka's mock cluster, hosted in the AppHost process: the real Kafka wire protocol on 127.0.0.1,
/// in memory, keeping only the newest ~5 MiB per partition. It lives exactly as long as its anchor client.
/// </summary>
internal sealed class EmbeddedKafkaBroker : IDisposable
{
    private const int BrokerId = 1;

    private readonly IProducer<Null, Null> _anchor;
    private readonly IntPtr _cluster;

    private EmbeddedKafkaBroker(IProducer<Null, Null> anchor, IntPtr cluster, string bootstrapServers)
    {
        _anchor = anchor;
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public static EmbeddedKafkaBroker Start(IEnumerable<KafkaTopic> topics, ILogger logger)
    {
        var config = new ProducerConfig { BootstrapServers = "embedded:9092" }; // replaced by the mock's own address
        config.Set("test.mock.num.brokers", "1");
        var anchor = new ProducerBuilder<Null, Null>(config)
            .SetLogHandler((_, m) => EmbeddedKafkaLog.Librdkafka(logger, m.Facility, m.Message))
            .SetErrorHandler((_, e) => EmbeddedKafkaLog.AnchorError(logger, e.Reason))
            .Build();
        try
        {
            var cluster = MockCluster.Of(anchor.Handle);
            MockCluster.DisableInitialRebalanceDelay(cluster);
            foreach (var topic in topics)
            {
                MockCluster.CreateTopic(cluster, topic.Name, topic.Partitions);
            }

            return new EmbeddedKafkaBroker(anchor, cluster, MockCluster.Bootstraps(cluster));
        }
        catch
        {
            anchor.Dispose();
            throw;
        }
    }

    /// <summary>Broker metadata over the wire, as any client would see it.</summary>
    public Metadata GetMetadata(TimeSpan timeout)
    {
        using var admin = new DependentAdminClientBuilder(_anchor.Handle).Build();
        return admin.GetMetadata(timeout);
    }

    public void CreateTopic(KafkaTopic topic) => MockCluster.CreateTopic(_cluster, topic.Name, topic.Partitions);

    /// <summary>The cluster's one broker (<c>test.mock.num.brokers</c> = 1) goes away, or comes back.</summary>
    public void SetDown(bool down) => MockCluster.SetBrokerDown(_cluster, BrokerId, down);

    /// <summary>Fault injection: the broker answers <paramref name="error"/> for the topic until it is set back to no error.</summary>
    public void SetTopicError(string topic, ErrorCode error) => MockCluster.SetTopicError(_cluster, topic, error);

    public void Dispose() => _anchor.Dispose();
}
