namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>Storage that must outlive the container: a named volume in compose, a PersistentVolumeClaim on Kubernetes.</summary>
/// <param name="OwnerGroupId">The group the container runs as, which must be able to write the volume; null when unknown.</param>
/// <param name="ImageOwnsMountPath">The image has the mount path, owned by that group: Docker copies its owner into a new volume.</param>
/// <param name="IsShared">Every replica mounts the same volume (<see cref="SharedVolumeAnnotation"/>); otherwise one per pod on Kubernetes.</param>
public sealed record PublishedVolume(string Name, string MountPath, long? OwnerGroupId, bool ImageOwnsMountPath, bool IsShared);
