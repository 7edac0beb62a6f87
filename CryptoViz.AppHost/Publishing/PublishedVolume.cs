namespace CryptoViz.AppHost.Publishing;

/// <summary>Storage that must outlive the container: a named volume in compose, a PersistentVolumeClaim on Kubernetes.</summary>
public sealed record PublishedVolume(string Name, string MountPath);
