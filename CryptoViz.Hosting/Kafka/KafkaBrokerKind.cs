using Aspire.Hosting.ApplicationModel;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;

namespace CryptoViz.Hosting.Kafka;

/// <summary>
/// Tells every resource that references the broker which kind it is (<see cref="KafkaBroker.ConfigurationKey"/>), as a
/// reference tells it the address: the services cannot tell a mock cluster from Redpanda by its connection string.
/// </summary>
internal static class KafkaBrokerKind
{
    public static IResourceBuilder<T> WithBrokerKind<T>(this IResourceBuilder<T> kafka, string kind) where T : IResource
    {
        // The references are known only once the whole model is built.
        kafka.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            AddToReferences(e.Model.Resources, kafka.Resource);
            return Task.CompletedTask;
        });
        return kafka.WithAnnotation(new KafkaBrokerKindAnnotation(kind));
    }

    /// <summary>Sets <c>Kafka__Broker</c> to <paramref name="kafka"/>'s kind on each project of <paramref name="resources"/> that references it.</summary>
    public static void AddToReferences(IEnumerable<IResource> resources, IResource kafka)
    {
        var kind = kafka.Annotations.OfType<KafkaBrokerKindAnnotation>().Single().Kind;
        var variable = KafkaBroker.ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
        // Our services only: the broker's own containers (console, topic job) have no use for it.
        foreach (var dependent in resources.OfType<ProjectResource>().Where(r => r.References(kafka)))
        {
            dependent.Annotations.Add(new EnvironmentCallbackAnnotation(env => env.TryAdd(variable, kind)));
        }
    }
}

/// <param name="Kind">One of <see cref="KafkaBroker"/>'s kinds.</param>
internal sealed record KafkaBrokerKindAnnotation(string Kind) : IResourceAnnotation;
