using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>
/// What the three brokers share (the hosting half of Aspire's Kafka integration, <c>Aspire.Hosting.Kafka</c>, is not
/// served here): the choice between them, the external one, and the topics. Each has a connection string <c>host:port</c>.
/// </summary>
public static class KafkaBuilderExtensions
{
    public const string ModeKey = "Kafka:Mode";

    /// <summary>
    /// The broker <c>Kafka:Mode</c> asks for. <see cref="KafkaMode.Auto"/> is External when <c>ConnectionStrings:&lt;name&gt;</c>
    /// is set, Container when docker or podman answers (asked now: the model's shape depends on it), Embedded otherwise;
    /// publish mode always ships Redpanda. The choice and its reason are logged once the app runs.
    /// </summary>
    public static KafkaMode ChooseKafkaMode(this IDistributedApplicationBuilder builder, string name)
    {
        var (mode, reason) = Choose(builder, name);
        // Said through the AppHost's own logging, once the app runs, so it reads like every other start-up line.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            EmbeddedKafkaLog.ModeChosen(e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CryptoViz.AppHost"), mode, reason);
            return Task.CompletedTask;
        });
        return mode;
    }

    /// <summary>Any Kafka given as <c>ConnectionStrings:&lt;name&gt;</c> in the AppHost's configuration.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddExternalKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        var kafka = builder.AddConnectionString(name);
        return kafka.WithBrokerKind(KafkaBroker.External).WithTopicsProvisioned();
    }

    /// <summary>Topics created before any dependent starts: by the embedded broker itself, on a real broker once it is ready.</summary>
    public static IResourceBuilder<T> WithTopics<T>(this IResourceBuilder<T> kafka, params IEnumerable<KafkaTopic> topics)
        where T : IResourceWithConnectionString
    {
        foreach (var topic in topics) kafka.WithAnnotation(topic, ResourceAnnotationMutationBehavior.Append);
        return kafka;
    }

    private static (KafkaMode Mode, string Reason) Choose(IDistributedApplicationBuilder builder, string name)
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
