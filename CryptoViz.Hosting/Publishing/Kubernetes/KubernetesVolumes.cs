using CryptoViz.Hosting.Publishing.Model;
using k8s.Models;

namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>
/// Claims for a service's volumes. A volume of one replica (a hot store, the broker's log) is a ReadWriteOnce claim per pod,
/// from the StatefulSet's template: such a claim serves the pods of one node only. A shared volume (the lake) is one
/// ReadWriteMany claim that every pod mounts. No StorageClass is named: the cluster's default provides the claims, and
/// the shared one needs a class that offers ReadWriteMany (NFS, CephFS, Azure Files, EFS).
/// </summary>
internal sealed class KubernetesVolumes(KubernetesEnvironmentResource environment)
{
    public List<V1PersistentVolumeClaim>? ClaimTemplates(PublishedService service)
    {
        var own = service.Volumes.Where(v => !v.IsShared).ToList();
        return own.Count > 0
            ? [.. own.Select(v => Claim(new V1ObjectMeta { Name = v.Name }, "ReadWriteOnce", environment.StorageSize))]
            : null;
    }

    public static List<V1Volume>? PodVolumes(PublishedService service)
    {
        var shared = service.Volumes.Where(v => v.IsShared).ToList();
        return shared.Count > 0
            ? [.. shared.Select(v => new V1Volume
            {
                Name = v.Name,
                PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = KubernetesNames.Claim(v.Name) },
            })]
            : null;
    }

    public V1PersistentVolumeClaim SharedClaim(PublishedVolume volume)
    {
        var claim = Claim(new V1ObjectMeta
        {
            Name = KubernetesNames.Claim(volume.Name),
            Labels = new Dictionary<string, string>
            {
                [KubernetesNames.NameLabel] = volume.Name,
                [KubernetesNames.PartOfLabel] = KubernetesNames.PartOf,
            },
        }, "ReadWriteMany", environment.SharedStorageSize);
        claim.ApiVersion = "v1";
        claim.Kind = V1PersistentVolumeClaim.KubeKind;
        return claim;
    }

    public static List<V1VolumeMount>? Mounts(PublishedService service) =>
        service.Volumes.Count > 0 ? [.. service.Volumes.Select(v => new V1VolumeMount { Name = v.Name, MountPath = v.MountPath })] : null;

    /// <summary>
    /// The kubelet hands every claim of the pod to this group (where the class supports it: NFS often does not). Only when
    /// the claim's root is not the group's yet: by default it walks every file at every start, and the lake only grows.
    /// </summary>
    public static V1PodSecurityContext? SecurityContext(PublishedService service) =>
        service.Volumes.Select(v => v.OwnerGroupId).OfType<long>().Distinct().ToList() switch
        {
            [] => null,
            [var group] => new V1PodSecurityContext { FsGroup = group, FsGroupChangePolicy = "OnRootMismatch" },
            var groups => throw new InvalidOperationException($"The volumes of {service.Name} want different groups: {string.Join(", ", groups)}"),
        };

    private static V1PersistentVolumeClaim Claim(V1ObjectMeta metadata, string accessMode, string size) => new()
    {
        Metadata = metadata,
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = [accessMode],
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) },
            },
        },
    };
}
