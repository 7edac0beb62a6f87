using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Pipelines;

namespace CryptoViz.Hosting.Publishing;

/// <summary>What the compose and Kubernetes environments share: a resource that only publish mode sees, and its step.</summary>
#pragma warning disable ASPIREPIPELINES001 // The pipeline API is experimental in Aspire 13.6; it is how `aspire publish` finds steps.
internal static class PublishEnvironment
{
    /// <summary>
    /// Adds <paramref name="resource"/> with the step <c>publish-&lt;name&gt;</c> that <c>aspire publish</c> runs. Like the
    /// real integrations it exists only in publish mode: <c>dotnet run</c> sees no extra resource.
    /// </summary>
    public static IResourceBuilder<T> Add<T>(IDistributedApplicationBuilder builder, T resource, string description,
        Func<T, PipelineStepContext, Task> publish)
        where T : Resource
    {
        if (!builder.ExecutionContext.IsPublishMode) return builder.CreateResourceBuilder(resource);

        return builder.AddResource(resource)
            .ExcludeFromManifest()
            .WithAnnotation(new PipelineStepAnnotation(_ => new PipelineStep
            {
                Name = $"publish-{resource.Name}",
                Description = description,
                Action = context => publish(resource, context),
                RequiredBySteps = [WellKnownPipelineSteps.Publish],
                DependsOnSteps = [WellKnownPipelineSteps.PublishPrereq],
            }));
    }
}
#pragma warning restore ASPIREPIPELINES001
