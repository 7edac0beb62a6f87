using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;

namespace CryptoViz.AppHost.Publishing.Compose;

public static class DockerComposeEnvironmentExtensions
{
    /// <summary>
    /// Adds a compose environment whose step <c>publish-&lt;name&gt;</c> is part of <c>aspire publish</c>. Like the
    /// real integration it exists only in publish mode: <c>dotnet run</c> sees no extra resource.
    /// </summary>
    public static IResourceBuilder<DockerComposeEnvironmentResource> AddDockerComposeEnvironment(
        this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new DockerComposeEnvironmentResource(name);
        if (!builder.ExecutionContext.IsPublishMode) return builder.CreateResourceBuilder(resource);

#pragma warning disable ASPIREPIPELINES001 // The pipeline API is experimental in Aspire 13.6; it is how `aspire publish` finds steps.
        return builder.AddResource(resource)
            .ExcludeFromManifest()
            .WithAnnotation(new PipelineStepAnnotation(_ => new PipelineStep
            {
                Name = $"publish-{name}",
                Description = $"Writes docker-compose.yaml and .env for the '{name}' environment",
                Action = context => DockerComposePublisher.PublishAsync(resource, context),
                RequiredBySteps = [WellKnownPipelineSteps.Publish],
                DependsOnSteps = [WellKnownPipelineSteps.PublishPrereq],
            }));
#pragma warning restore ASPIREPIPELINES001
    }
}
