using CryptoViz.Hosting.Publishing;
using CryptoViz.Hosting.Publishing.Kubernetes;

namespace Aspire.Hosting;

public static class KubernetesEnvironmentExtensions
{
    /// <summary>A Kubernetes environment whose step <c>publish-&lt;name&gt;</c> is part of <c>aspire publish</c> (publish mode only).</summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> AddKubernetesEnvironment(
        this IDistributedApplicationBuilder builder, string name) =>
        PublishEnvironment.Add(builder, new KubernetesEnvironmentResource(name),
            $"Writes the Kubernetes manifests and kustomization for the '{name}' environment", KubernetesPublisher.PublishAsync);
}
