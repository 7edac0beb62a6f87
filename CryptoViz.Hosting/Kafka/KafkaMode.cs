namespace Aspire.Hosting;

/// <summary>Where the <c>kafka</c> resource comes from; AppHost configuration key <c>Kafka:Mode</c>.</summary>
public enum KafkaMode
{
    /// <summary>Container when docker or podman answers, otherwise embedded.</summary>
    Auto,

    /// <summary>librdkafka's mock cluster inside the AppHost process.</summary>
    Embedded,

    /// <summary>Redpanda (and Redpanda Console) in a container.</summary>
    Container,

    /// <summary>Any Kafka given as <c>ConnectionStrings:kafka</c> in the AppHost's configuration.</summary>
    External,
}
