using Aspire.Hosting.ApplicationModel;
using CryptoViz.ServiceDefaults.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoViz.AppHost.Kafka;

/// <summary>
/// The hosting half of Aspire's Kafka integration (<c>Aspire.Hosting.Kafka</c>, not served here): one resource
/// whose connection string is <c>host:port</c>, backed by whichever broker this machine can run.
/// </summary>
public static class KafkaHostingExtensions
{
    public const string ModeKey = "Kafka:Mode";

    public static IResourceBuilder<IResourceWithConnectionString> AddKafka(this IDistributedApplicationBuilder builder,
        string name, params KafkaTopic[] topics)
    {
        var (mode, reason) = ChooseMode(builder, name);
        // Said through the AppHost's own logging, once the app runs, so it reads like every other start-up line.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            EmbeddedKafkaLog.ModeChosen(e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CryptoViz.AppHost"), mode, reason);
            return Task.CompletedTask;
        });

        var kafka = mode switch
        {
            KafkaMode.Embedded => builder.AddEmbeddedKafka(name, topics),
            KafkaMode.Container => builder.AddRedpanda(name, topics),
            _ => builder.AddConnectionString(name).WithTopicsProvisioned(topics),
        };
        return kafka.WithBrokerKindOnReferences(mode);
    }

    /// <summary>
    /// Tells every resource that references the broker which kind it is (<see cref="KafkaBroker.ConfigurationKey"/>), as a
    /// reference tells it the address: the services cannot tell a mock cluster from Redpanda by its connection string.
    /// The references are known only once the whole model is built.
    /// </summary>
    private static IResourceBuilder<IResourceWithConnectionString> WithBrokerKindOnReferences(
        this IResourceBuilder<IResourceWithConnectionString> kafka, KafkaMode mode)
    {
        kafka.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            AddBrokerKind(e.Model.Resources, kafka.Resource, mode);
            return Task.CompletedTask;
        });
        return kafka;
    }

    /// <summary>Sets <c>Kafka__Broker</c> to the kind of <paramref name="mode"/> on each project of <paramref name="resources"/> that references <paramref name="kafka"/>.</summary>
    internal static void AddBrokerKind(IEnumerable<IResource> resources, IResource kafka, KafkaMode mode)
    {
        var kind = mode switch
        {
            KafkaMode.Embedded => KafkaBroker.Embedded,
            KafkaMode.Container => KafkaBroker.Redpanda,
            _ => KafkaBroker.External,
        };
        var variable = KafkaBroker.ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
        // Our services only: the broker's own containers (console, topic job) have no use for it.
        foreach (var dependent in resources.OfType<ProjectResource>().Where(r => r.References(kafka)))
        {
            dependent.Annotations.Add(new EnvironmentCallbackAnnotation(env => env.TryAdd(variable, kind)));
        }
    }

    private static (KafkaMode Mode, string Reason) ChooseMode(IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode) return (KafkaMode.Container, "publish mode always ships Redpanda");

        var configured = builder.Configuration.GetValue(ModeKey, KafkaMode.Auto);
        if (configured != KafkaMode.Auto) return (configured, $"{ModeKey} = {configured}");

        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return (KafkaMode.External, $"ConnectionStrings:{name} is configured");
        }

        return ContainerRuntimeProbe.Answers() is { } runtime
            ? (KafkaMode.Container, $"{runtime} answers")
            : (KafkaMode.Embedded, "no container runtime answers");
    }
}
