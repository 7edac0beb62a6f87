using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing;
using CryptoViz.Hosting.Publishing.Model;

namespace CryptoViz.Hosting.Kafka;

/// <summary>What the Redpanda broker needs once it runs beside the services instead of beside the host.</summary>
internal static class RedpandaPublishExtensions
{
    public static void PublishAsDeployedBroker(this IResourceBuilder<RedpandaResource> redpanda,
        IResourceBuilder<ContainerResource> console)
    {
        // The internal address is the broker's service name, which differs between compose and Kubernetes:
        // left as an endpoint reference, each target writes its own.
        var internalAddress = redpanda.Resource.InternalEndpoint.Property(EndpointProperty.HostAndPort);
        var seedPort = RedpandaBuilderExtensions.SeedKafkaPort.ToString(CultureInfo.InvariantCulture);
        redpanda.WithArgs("--advertise-kafka-addr", ReferenceExpression.Create($"internal://{internalAddress},external://localhost:{seedPort}"))
            // Durable, unlike run mode's dev-container: what the broker acknowledged survives a restart. The image's
            // redpanda.yaml says developer_mode: true, which makes rpk start in dev-container mode when no mode is given
            // (fsync bypassed, writes acknowledged before they are on disk), so both are switched off by name.
            .WithArgs("--unsafe-bypass-fsync=false", "--set", "redpanda.write_caching_default=false",
                // Not durability: the container shares its CPUs (no pinning or busy polling), and rpk's host checks
                // and tuning are for a dedicated host.
                "--overprovisioned", "--check=false")
            .WithVolume($"{redpanda.Resource.Name}-data", RedpandaBuilderExtensions.DataPath)
            .WithAnnotation(new VolumeGroupAnnotation(RedpandaBuilderExtensions.UserGroupId))
            .WithEndpoint(RedpandaResource.KafkaEndpointName, e => e.IsExternal = true)
            .WithAnnotation(new HealthProbeAnnotation(new PublishedHealth(
                RedpandaResource.AdminEndpointName, RedpandaBuilderExtensions.ReadyPath, RedpandaBuilderExtensions.ReadyPath)))
            // --memory 1G is Redpanda's own heap; the limit leaves room for the rest of the process.
            .WithAnnotation(new ComputeResourcesAnnotation(new ComputeResources("500m", "1Gi", "1", "1536Mi")));
        console.WithEnvironment("KAFKA_BROKERS", internalAddress)
            .WithEndpoint("http", e => e.IsExternal = true)
            .WithAnnotation(new ComputeResourcesAnnotation(new ComputeResources("50m", "64Mi", "500m", "256Mi")));
        redpanda.WithTopicsJob(internalAddress);
    }

    /// <summary>
    /// The run mode creates the topics before any dependent starts (<see cref="KafkaTopicProvisioner"/>); published,
    /// a one-shot <c>rpk topic create</c> does, and whoever waits for the broker also waits for it to complete.
    /// Otherwise a consumer that subscribes before the first record auto-creates a topic sees it only at its next
    /// metadata refresh, minutes later.
    /// </summary>
    private static void WithTopicsJob(this IResourceBuilder<RedpandaResource> redpanda, EndpointReferenceExpression brokers)
    {
        var builder = redpanda.ApplicationBuilder;
        var job = builder.AddContainer($"{redpanda.Resource.Name}-topics", RedpandaBuilderExtensions.Image, RedpandaBuilderExtensions.Tag)
            .WithImageRegistry(RedpandaBuilderExtensions.Registry)
            .WithEntrypoint("rpk")
            // Read when the arguments are, after WithTopics.
            .WithArgs(context =>
            {
                var topics = redpanda.Resource.DeclaredTopics();
                var partitions = topics.Select(t => t.Partitions).Distinct().Single();
                foreach (var arg in (string[])["topic", "create", .. topics.Select(t => t.Name),
                    "--partitions", partitions.ToString(CultureInfo.InvariantCulture), "--if-not-exists"])
                {
                    context.Args.Add(arg);
                }
            })
            .WithArgs("-X", ReferenceExpression.Create($"brokers={brokers}"))
            .WithAnnotation(new ComputeResourcesAnnotation(new ComputeResources("50m", "64Mi", "500m", "256Mi")))
            .WithParentRelationship(redpanda)
            .WaitFor(redpanda);

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            var dependents = e.Model.Resources.Where(r => r != job.Resource
                && r.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource == redpanda.Resource));
            foreach (var dependent in dependents.ToList())
            {
                dependent.Annotations.Add(new WaitAnnotation(job.Resource, WaitType.WaitForCompletion));
            }

            return Task.CompletedTask;
        });
    }
}
