using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing.Model;
using k8s.Models;

namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>
/// The typed Kubernetes objects of one service. Beyond Aspire's publisher: startup, readiness and liveness probes,
/// requests and limits, and a PersistentVolumeClaim for storage instead of <c>emptyDir</c>.
/// </summary>
internal sealed class KubernetesManifestBuilder(KubernetesEnvironmentResource environment, PublishedModel model)
{
    private readonly KubernetesVolumes _volumes = new(environment);

    public V1ConfigMap? ConfigMap(PublishedService service)
    {
        var data = service.Environment.Where(v => !v.Value.Parameters.Any())
            .ToDictionary(v => v.Name, v => Render(v.Value));
        return data.Count == 0 ? null : new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = V1ConfigMap.KubeKind,
            Metadata = Metadata(KubernetesNames.Config(service.Name), service),
            Data = data,
        };
    }

    /// <summary>Variables that carry a secret parameter: they go to the service's generated Secret, never to a ConfigMap.</summary>
    public static IReadOnlyList<PublishedVariable> SecretVariables(PublishedService service) =>
        [.. service.Environment.Where(v => v.Value.Parameters.Any(p => p.Secret))];

    /// <summary>
    /// Variables that carry parameters, none secret: they go to the service's generated values ConfigMap, filled in by the user
    /// like the Secret, and never to the ConfigMap of the manifests.
    /// </summary>
    public static IReadOnlyList<PublishedVariable> ValueVariables(PublishedService service) =>
        [.. service.Environment.Where(v => v.Value.Parameters.Any() && !v.Value.Parameters.Any(p => p.Secret))];

    /// <summary>What the values file holds for <paramref name="value"/> until the user fills it in: its parameters' declared defaults.</summary>
    public string DefaultOf(DeployValue value) =>
        value.Render(e => model.RenderEndpoint(e, s => KubernetesNames.Service(s.Name), p => p.Port), ParameterDocs.PublishedDefault);

    public V1Service? Service(PublishedService service) => service.Endpoints.Count == 0 ? null : new V1Service
    {
        ApiVersion = "v1",
        Kind = V1Service.KubeKind,
        Metadata = Metadata(KubernetesNames.Service(service.Name), service),
        Spec = new V1ServiceSpec
        {
            // ClusterIP with named ports: an Ingress (or `kubectl port-forward`) in front of a public face needs no more.
            Type = "ClusterIP",
            Selector = Selector(service),
            Ports = [.. service.Endpoints.Select(e => new V1ServicePort
            {
                Name = e.Name,
                Port = e.Port,
                TargetPort = e.Name,
                Protocol = "TCP",
            })],
        },
    };

    public V1Deployment Deployment(PublishedService service) => new()
    {
        ApiVersion = "apps/v1",
        Kind = V1Deployment.KubeKind,
        Metadata = Metadata(KubernetesNames.Deployment(service.Name), service),
        Spec = new V1DeploymentSpec
        {
            Replicas = service.Replicas,
            Selector = new V1LabelSelector { MatchLabels = Selector(service) },
            Strategy = new V1DeploymentStrategy { Type = "RollingUpdate" },
            Template = PodTemplate(service),
        },
    };

    /// <summary>Pods with stable names, each with claims of its own: for Ingest, a DuckDB hot store per replica; for the broker, its log.</summary>
    public V1StatefulSet StatefulSet(PublishedService service) => new()
    {
        ApiVersion = "apps/v1",
        Kind = V1StatefulSet.KubeKind,
        Metadata = Metadata(KubernetesNames.StatefulSet(service.Name), service),
        Spec = new V1StatefulSetSpec
        {
            Replicas = service.Replicas,
            ServiceName = KubernetesNames.Service(service.Name),
            Selector = new V1LabelSelector { MatchLabels = Selector(service) },
            Template = PodTemplate(service),
            VolumeClaimTemplates = _volumes.ClaimTemplates(service),
        },
    };

    /// <summary>The claim of a volume that every replica mounts at once.</summary>
    public V1PersistentVolumeClaim SharedClaim(PublishedVolume volume) => _volumes.SharedClaim(volume);

    // Aspire's WaitForCompletion, the Kubernetes way: the one-shot runs as an init container of each pod that waits
    // for it, retried by the kubelet until it succeeds (the broker it needs may not be ready yet). It must therefore
    // be idempotent, as `rpk topic create --if-not-exists` is.
    private V1PodTemplateSpec PodTemplate(PublishedService service)
    {
        var initContainers = service.WaitsFor.Where(d => d.WaitType == WaitType.WaitForCompletion)
            .Select(d => Container(model.Service(d.Name)))
            .ToList();
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Labels(service) },
            Spec = new V1PodSpec
            {
                SecurityContext = KubernetesVolumes.SecurityContext(service),
                InitContainers = initContainers.Count > 0 ? initContainers : null,
                Containers = [Container(service)],
                Volumes = KubernetesVolumes.PodVolumes(service),
            },
        };
    }

    private V1Container Container(PublishedService service)
    {
        List<V1EnvFromSource> envFrom = [];
        if (service.Environment.Any(v => !v.Value.Parameters.Any()))
        {
            envFrom.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = KubernetesNames.Config(service.Name) } });
        }

        if (ValueVariables(service).Count > 0)
        {
            envFrom.Add(new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = KubernetesNames.Values(service.Name) } });
        }

        if (SecretVariables(service).Count > 0)
        {
            envFrom.Add(new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = KubernetesNames.Secrets(service.Name) } });
        }

        return new V1Container
        {
            Name = service.Name,
            Image = service.Image,
            ImagePullPolicy = "IfNotPresent",
            Command = service.Entrypoint is { } entrypoint ? [entrypoint] : null,
            Args = service.Args.Count > 0 ? [.. service.Args.Select(Render)] : null,
            EnvFrom = envFrom.Count > 0 ? envFrom : null,
            Ports = service.Endpoints.Count > 0
                ? [.. service.Endpoints.Select(e => new V1ContainerPort { Name = e.Name, ContainerPort = e.TargetPort, Protocol = "TCP" })]
                : null,
            StartupProbe = service.Health is { } startup ? Probe(startup.EndpointName, startup.LivenessPath, periodSeconds: 2, failureThreshold: 60) : null,
            ReadinessProbe = service.Health is { } ready ? Probe(ready.EndpointName, ready.ReadinessPath, periodSeconds: 5, failureThreshold: 3) : null,
            LivenessProbe = service.Health is { } live ? Probe(live.EndpointName, live.LivenessPath, periodSeconds: 10, failureThreshold: 3) : null,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(service.Resources.CpuRequest),
                    ["memory"] = new(service.Resources.MemoryRequest),
                },
                Limits = new Dictionary<string, ResourceQuantity>
                {
                    ["cpu"] = new(service.Resources.CpuLimit),
                    ["memory"] = new(service.Resources.MemoryLimit),
                },
            },
            VolumeMounts = KubernetesVolumes.Mounts(service),
        };
    }

    private static V1Probe Probe(string port, string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 3,
        FailureThreshold = failureThreshold,
    };

    // Inside the cluster a service is reached through its Service, on the Service's port.
    private string Render(DeployValue value) =>
        value.Render(
            e => model.RenderEndpoint(e, s => KubernetesNames.Service(s.Name), p => p.Port),
            p => throw new InvalidOperationException($"Parameter {p.Name} belongs in generated values or a Secret, not in a manifest"));

    private static V1ObjectMeta Metadata(string name, PublishedService service) => new() { Name = name, Labels = Labels(service) };

    private static Dictionary<string, string> Labels(PublishedService service) => new()
    {
        [KubernetesNames.NameLabel] = service.Name,
        [KubernetesNames.PartOfLabel] = KubernetesNames.PartOf,
    };

    private static Dictionary<string, string> Selector(PublishedService service) => new() { [KubernetesNames.NameLabel] = service.Name };
}
