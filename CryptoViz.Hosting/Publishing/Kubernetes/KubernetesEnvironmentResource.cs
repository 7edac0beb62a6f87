using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>
/// A Kubernetes environment in the shape of <c>Aspire.Hosting.Kubernetes</c>'s (not served here): publishing
/// writes typed manifests for every compute resource of the model and a kustomization that applies them all.
/// </summary>
public sealed class KubernetesEnvironmentResource(string name) : Resource(name)
{
    public string Namespace { get; set; } = "cryptoviz";

    /// <summary>Size of each PersistentVolumeClaim (the cluster's default StorageClass provides it).</summary>
    public string StorageSize { get; set; } = "1Gi";
}
