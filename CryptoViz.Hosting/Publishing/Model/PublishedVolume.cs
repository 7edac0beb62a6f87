namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>Storage that must outlive the container: a named volume in compose, a PersistentVolumeClaim on Kubernetes.</summary>
/// <param name="OwnerGroupId">The group the container runs as, which must be able to write the volume; null when unknown.</param>
public sealed record PublishedVolume(string Name, string MountPath, long? OwnerGroupId);
