using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class PublishReplicaExtensions
{
    /// <summary>
    /// Several instances once deployed, one on the laptop: a stateless service scales out on a cluster, while
    /// run mode keeps its one process on the fixed port the README gives.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublishedReplicas(this IResourceBuilder<ProjectResource> project, int replicas) =>
        project.ApplicationBuilder.ExecutionContext.IsPublishMode ? project.WithReplicas(replicas) : project;
}
