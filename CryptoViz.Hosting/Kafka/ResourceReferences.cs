using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Kafka;

internal static class ResourceReferences
{
    /// <summary>Whether <paramref name="resource"/> was given <paramref name="target"/> with <c>WithReference</c>.</summary>
    public static bool References(this IResource resource, IResource target) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Resource == target && a.Type == "Reference");

    /// <summary>The topics <c>WithTopics</c> declared on a broker, read when the broker needs them (they follow its <c>Add…</c>).</summary>
    public static IReadOnlyList<KafkaTopic> DeclaredTopics(this IResource kafka) => [.. kafka.Annotations.OfType<KafkaTopic>()];
}
