using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;

namespace Aspire.Hosting;

public static class RedpandaBuilderExtensions
{
    internal const string Registry = "docker.redpanda.com";
    internal const string Image = "redpandadata/redpanda";
    internal const string Tag = "v25.1.4";
    private const string ConsoleImage = "redpandadata/console";
    private const string ConsoleTag = "v3.1.0";

    /// <summary>V2's external Kafka port and Console port (docs/v2-contract.md#ports).</summary>
    internal const int SeedKafkaPort = 19092;
    private const int SeedConsolePort = 8090;

    internal const string ReadyPath = "/v1/status/ready";

    /// <summary>Where the image keeps the broker's log segments and the committed offsets.</summary>
    internal const string DataPath = "/var/lib/redpanda/data";

    /// <summary>The image's <c>redpanda</c> user and group: a mounted volume must be writable by them.</summary>
    internal const long UserGroupId = 101;

    /// <summary>
    /// Redpanda (and Redpanda Console) in a container, which creates the topics of <c>WithTopics</c> before any dependent
    /// starts: a throwaway dev-container broker in run mode, a durable one with its volume once published.
    /// </summary>
    public static IResourceBuilder<RedpandaResource> AddRedpanda(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var publish = builder.ExecutionContext.IsPublishMode;
        var resource = new RedpandaResource(name, publish ? RedpandaResource.InternalEndpointName : RedpandaResource.KafkaEndpointName);
        var redpanda = builder.AddResource(resource)
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            // Not proxied: Kafka clients reconnect to the address the broker advertises, so host and container
            // must agree on the external port.
            .WithEndpoint(port: SeedKafkaPort, targetPort: SeedKafkaPort, name: RedpandaResource.KafkaEndpointName, isProxied: false)
            .WithEndpoint(targetPort: 9092, name: RedpandaResource.InternalEndpointName)
            .WithHttpEndpoint(targetPort: 9644, name: RedpandaResource.AdminEndpointName)
            .WithArgs("redpanda", "start", "--smp", "1", "--memory", "1G",
                "--kafka-addr", $"internal://0.0.0.0:9092,external://0.0.0.0:{SeedKafkaPort}")
            .WithHttpHealthCheck(ReadyPath, endpointName: RedpandaResource.AdminEndpointName)
            .WithTopicsProvisioned()
            .WithBrokerKind(KafkaBroker.Redpanda);

        var console = builder.AddContainer($"{name}-console", ConsoleImage, ConsoleTag)
            .WithImageRegistry(Registry)
            .WithHttpEndpoint(port: SeedConsolePort, targetPort: 8080)
            .WithParentRelationship(redpanda)
            .WaitFor(redpanda)
            .ExcludeFromManifest();

        if (publish)
        {
            redpanda.PublishAsDeployedBroker(console);
        }
        else
        {
            // A broker for one development session, without a volume: fast, and nothing to keep (fsync off).
            redpanda.WithArgs("--mode", "dev-container", "--advertise-kafka-addr", $"internal://{name}:9092,external://localhost:{SeedKafkaPort}");
            console.WithEnvironment("KAFKA_BROKERS", $"{name}:9092");
        }

        return redpanda;
    }
}
