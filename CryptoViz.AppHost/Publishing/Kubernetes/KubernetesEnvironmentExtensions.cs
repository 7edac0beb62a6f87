using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;

namespace CryptoViz.AppHost.Publishing.Kubernetes;

public static class KubernetesEnvironmentExtensions
{
    /// <summary>
    /// Adds a Kubernetes environment whose step <c>publish-&lt;name&gt;</c> is part of <c>aspire publish</c>. Like the
    /// real integration it exists only in publish mode: <c>dotnet run</c> sees no extra resource.
    /// </summary>
    public static IResourceBuilder<KubernetesEnvironmentResource> AddKubernetesEnvironment(
        this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new KubernetesEnvironmentResource(name);
        if (!builder.ExecutionContext.IsPublishMode) return builder.CreateResourceBuilder(resource);

#pragma warning disable ASPIREPIPELINES001 // The pipeline API is experimental in Aspire 13.6; it is how `aspire publish` finds steps.
        return builder.AddResource(resource)
            .ExcludeFromManifest()
            .WithAnnotation(new PipelineStepAnnotation(_ => new PipelineStep
            {
                Name = $"publish-{name}",
                Description = $"Writes the Kubernetes manifests and kustomization for the '{name}' environment",
                Action = context => KubernetesPublisher.PublishAsync(resource, context),
                RequiredBySteps = [WellKnownPipelineSteps.Publish],
                DependsOnSteps = [WellKnownPipelineSteps.PublishPrereq],
            }));
#pragma warning restore ASPIREPIPELINES001
    }
}
