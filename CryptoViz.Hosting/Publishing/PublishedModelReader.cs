using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing.Model;
using Microsoft.Extensions.Hosting;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// Reads the compute resources of the app model the way Aspire's own publishers do: the environment and
/// argument callbacks run in publish mode, and their values stay references until a target renders them.
/// </summary>
internal static class PublishedModelReader
{
    /// <summary>Where the .NET container images listen (<c>HTTP_PORTS</c>) when the model names no target port.</summary>
    public const int ContainerHttpPort = 8080;

    public static async Task<PublishedModel> ReadAsync(DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var compute = model.Resources.Where(r => r is ProjectResource or ContainerResource).ToList();
        var endpoints = compute.ToDictionary(r => r.Name, ReadEndpoints);
        var converter = new DeployValueConverter(endpoints);
        var services = new List<PublishedService>();
        foreach (var resource in compute)
        {
            var volumes = VolumesOf(resource);
            services.Add(new PublishedService(
                resource.Name,
                resource is ProjectResource,
                resource is IResourceWithConnectionString || volumes.Count > 0,
                IsWaitedToComplete(resource, compute),
                resource.Annotations.OfType<PublicFaceAnnotation>().Any(),
                ImageOf(resource),
                (resource as ContainerResource)?.Entrypoint,
                await ReadArgsAsync(resource, executionContext, converter, cancellationToken),
                await ReadEnvironmentAsync(resource, executionContext, converter, cancellationToken),
                endpoints[resource.Name],
                volumes,
                HealthOf(resource),
                resource.Annotations.OfType<ComputeResourcesAnnotation>().LastOrDefault()?.Resources ?? ComputeResources.Service,
                resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1,
                [.. resource.Annotations.OfType<WaitAnnotation>().Select(w => new PublishedDependency(w.Resource.Name, w.WaitType))]));
        }

        return new PublishedModel(services);
    }

    // TLS ends at the edge (Ingress, a proxy in front of compose), so the https endpoints Aspire adds to
    // projects in publish mode are not published, nor are the variables that point at them.
    private static IReadOnlyList<PublishedEndpoint> ReadEndpoints(IResource resource) =>
    [
        .. resource.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.UriScheme is "http" or "tcp")
            .Select(e =>
            {
                var target = e.TargetPort ?? (resource is ProjectResource
                    ? ContainerHttpPort
                    : throw new InvalidOperationException($"{resource.Name}/{e.Name} has no target port"));
                return new PublishedEndpoint(e.Name, e.UriScheme, target, e.Port ?? target, e.IsExternal);
            }),
    ];

    private static bool IsWaitedToComplete(IResource resource, IEnumerable<IResource> compute) =>
        compute.Any(r => r.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource == resource && w.WaitType == WaitType.WaitForCompletion));

    private static string ImageOf(IResource resource) =>
        resource is ProjectResource ? ProjectImages.For(resource.Name)
        : resource.TryGetContainerImageName(out var image) ? image
        : throw new InvalidOperationException($"{resource.Name} has no container image");

    private static async Task<IReadOnlyList<PublishedVariable>> ReadEnvironmentAsync(IResource resource,
        DistributedApplicationExecutionContext executionContext, DeployValueConverter converter, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>();
        if (resource.TryGetEnvironmentVariables(out var callbacks))
        {
            var context = new EnvironmentCallbackContext(executionContext, resource, values, cancellationToken);
            foreach (var callback in callbacks)
            {
                await callback.Callback(context);
            }
        }

        return [.. values.Select(v => (v.Key, Value: converter.Convert(v.Value))).Where(v => v.Value is not null)
            .Select(v => new PublishedVariable(v.Key, v.Value!))];
    }

    private static async Task<IReadOnlyList<DeployValue>> ReadArgsAsync(IResource resource,
        DistributedApplicationExecutionContext executionContext, DeployValueConverter converter, CancellationToken cancellationToken)
    {
        var values = new List<object>();
        if (resource.TryGetAnnotationsOfType<CommandLineArgsCallbackAnnotation>(out var callbacks))
        {
            var context = new CommandLineArgsCallbackContext(values, resource, cancellationToken) { ExecutionContext = executionContext };
            foreach (var callback in callbacks)
            {
                await callback.Callback(context);
            }
        }

        return [.. values.Select(v => converter.Convert(v)
            ?? throw new InvalidOperationException($"An argument of {resource.Name} points at an endpoint that is not published"))];
    }

    // A resource that runs no process (a DuckDB file, the lake) declares its volume for the services that reference it.
    private static IReadOnlyList<PublishedVolume> VolumesOf(IResource resource) =>
    [
        .. resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(r => r.Type == "Reference" && r.Resource is not (ProjectResource or ContainerResource))
            .Select(r => r.Resource)
            .Append(resource)
            .Distinct()
            .Select(OwnVolumeOf)
            .OfType<PublishedVolume>(),
    ];

    private static PublishedVolume? OwnVolumeOf(IResource resource)
    {
        var group = resource.Annotations.OfType<VolumeGroupAnnotation>().LastOrDefault();
        var isShared = resource.Annotations.OfType<SharedVolumeAnnotation>().Any();
        return resource.Annotations.OfType<ContainerMountAnnotation>()
            .Where(m => m.Type == ContainerMountType.Volume && m.Source is not null)
            .Select(m => new PublishedVolume(m.Source!, m.Target, group?.GroupId, group?.ImageOwnsMountPath ?? true, isShared))
            .FirstOrDefault();
    }

    private static PublishedHealth? HealthOf(IResource resource) =>
        resource is ProjectResource
            ? new PublishedHealth("http", Extensions.ReadinessEndpointPath, Extensions.AlivenessEndpointPath)
            : resource.Annotations.OfType<HealthProbeAnnotation>().LastOrDefault()?.Health;
}
