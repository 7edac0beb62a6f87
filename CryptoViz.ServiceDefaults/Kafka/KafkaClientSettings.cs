using Confluent.Kafka;

namespace CryptoViz.ServiceDefaults.Kafka;

/// <summary>
/// What <c>Aspire.Confluent.Kafka</c>'s settings classes hold, shared by producer and consumer.
/// Bound from <c>Aspire:Confluent:Kafka:{Producer|Consumer}[:&lt;connectionName&gt;]</c>, then
/// <c>ConnectionStrings:&lt;connectionName&gt;</c>, then code.
/// </summary>
public abstract class KafkaClientSettings<TConfig> where TConfig : ClientConfig, new()
{
    /// <summary>The bootstrap servers, <c>host:port[,host:port]</c>, as Aspire's Kafka resources give them.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>librdkafka settings; PascalCase properties or librdkafka's dotted names in configuration.</summary>
    public TConfig Config { get; } = new();

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }

    /// <summary>How long the health check waits for broker metadata (Aspire's is fixed at 1 s).</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

public sealed class KafkaProducerSettings : KafkaClientSettings<ProducerConfig>;

public sealed class KafkaConsumerSettings : KafkaClientSettings<ConsumerConfig>;
