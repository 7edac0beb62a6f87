using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>
/// A Kubernetes environment in the shape of <c>Aspire.Hosting.Kubernetes</c>'s (not served here): publishing
/// writes typed manifests for every compute resource of the model and a kustomization that applies them all.
/// </summary>
public sealed class KubernetesEnvironmentResource(string name) : Resource(name)
{
    public string Namespace { get; set; } = "cryptoviz";

    /// <summary>Size of each PersistentVolumeClaim of one pod (the cluster's default StorageClass provides it).</summary>
    public string StorageSize { get; set; } = "1Gi";

    /// <summary>Size of each ReadWriteMany claim that every replica mounts: the lake, which keeps all history.</summary>
    public string SharedStorageSize { get; set; } = "10Gi";
}
