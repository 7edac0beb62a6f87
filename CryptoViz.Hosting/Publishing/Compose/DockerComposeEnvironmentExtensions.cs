using CryptoViz.Hosting.Publishing;
using CryptoViz.Hosting.Publishing.Compose;

namespace Aspire.Hosting;

public static class DockerComposeEnvironmentExtensions
{
    /// <summary>A compose environment whose step <c>publish-&lt;name&gt;</c> is part of <c>aspire publish</c> (publish mode only).</summary>
    public static IResourceBuilder<DockerComposeEnvironmentResource> AddDockerComposeEnvironment(
        this IDistributedApplicationBuilder builder, string name) =>
        PublishEnvironment.Add(builder, new DockerComposeEnvironmentResource(name),
            $"Writes docker-compose.yaml and .env for the '{name}' environment", DockerComposePublisher.PublishAsync);
}
