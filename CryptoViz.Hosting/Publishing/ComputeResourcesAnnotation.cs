using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing;

/// <summary>Requests and limits for a resource that needs other than <see cref="ComputeResources.Service"/>.</summary>
public sealed class ComputeResourcesAnnotation(ComputeResources resources) : IResourceAnnotation
{
    public ComputeResources Resources { get; } = resources;
}
