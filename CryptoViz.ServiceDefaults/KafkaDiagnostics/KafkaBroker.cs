namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

/// <summary>
/// Which kind of broker is behind <c>ConnectionStrings:kafka</c>. The AppHost sets <see cref="ConfigurationKey"/> on every
/// service that references the broker (it alone knows the mode it chose); a service started without it has no value.
/// </summary>
public static class KafkaBroker
{
    public const string ConfigurationKey = "Kafka:Broker";

    /// <summary>librdkafka's mock cluster inside the AppHost process.</summary>
    public const string Embedded = "embedded";

    /// <summary>Redpanda in a container, as run mode starts it and the published outputs deploy it.</summary>
    public const string Redpanda = "redpanda";

    /// <summary>A Kafka the AppHost was given by connection string.</summary>
    public const string External = "external";
}
