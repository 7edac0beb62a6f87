using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

public static class ReplicaExtensions
{
    /// <summary>
    /// How many instances of the project run: <c>&lt;Name&gt;:Replicas</c> from configuration (the resource's name with a
    /// capital, e.g. <c>Stream:Replicas</c>), else one on the laptop and <paramref name="published"/> once deployed. In run
    /// mode the replicas share the project's one proxied endpoint, which spreads connections over them.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithConfiguredReplicas(this IResourceBuilder<ProjectResource> project, int published = 1)
    {
        var name = project.Resource.Name;
        var key = $"{char.ToUpperInvariant(name[0])}{name[1..]}:Replicas";
        var replicas = project.ApplicationBuilder.Configuration.GetValue<int?>(key)
            ?? (project.ApplicationBuilder.ExecutionContext.IsPublishMode ? published : 1);
        if (replicas < 1) throw new InvalidOperationException($"{key} must be at least 1, not {replicas}.");
        return project.WithReplicas(replicas);
    }
}
