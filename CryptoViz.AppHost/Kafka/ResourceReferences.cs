using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.AppHost.Kafka;

internal static class ResourceReferences
{
    /// <summary>Whether <paramref name="resource"/> was given <paramref name="target"/> with <c>WithReference</c>.</summary>
    public static bool References(this IResource resource, IResource target) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Any(a => a.Resource == target && a.Type == "Reference");
}
