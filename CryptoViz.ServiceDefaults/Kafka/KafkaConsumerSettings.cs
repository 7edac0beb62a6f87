using Confluent.Kafka;

namespace Aspire.Confluent.Kafka;

/// <summary>
/// The consumer settings of <c>Aspire.Confluent.Kafka</c>, member for member. Bound from
/// <c>Aspire:Confluent:Kafka:Consumer</c>, its <c>&lt;connectionName&gt;</c> child, then
/// <c>ConnectionStrings:&lt;connectionName&gt;</c>, then code.
/// </summary>
public sealed class KafkaConsumerSettings : IKafkaClientSettings<ConsumerConfig>
{
    /// <summary>The bootstrap servers, <c>host:port[,host:port]</c>, as Aspire's Kafka resources give them.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>librdkafka settings; PascalCase properties or librdkafka's dotted names in configuration.</summary>
    public ConsumerConfig Config { get; } = new();

    public bool DisableHealthChecks { get; set; }

    public bool DisableTracing { get; set; }

    public bool DisableMetrics { get; set; }
}
