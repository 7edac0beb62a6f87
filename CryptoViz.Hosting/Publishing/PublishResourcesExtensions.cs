using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing;

namespace Aspire.Hosting;

public static class PublishResourcesExtensions
{
    /// <summary>The memory request and limit the published outputs give a project instead of the services' default.</summary>
    public static IResourceBuilder<ProjectResource> WithPublishedMemory(this IResourceBuilder<ProjectResource> project, string request, string limit) =>
        project.WithAnnotation(new ComputeResourcesAnnotation(ComputeResources.Service with { MemoryRequest = request, MemoryLimit = limit }));
}
