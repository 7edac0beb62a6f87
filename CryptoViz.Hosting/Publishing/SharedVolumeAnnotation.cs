using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// A volume that every replica of the services that mount it writes at once (Ingest's lake): one ReadWriteMany claim on
/// Kubernetes, where any other volume is a ReadWriteOnce claim per pod. Compose runs on one machine, where every volume
/// is shared anyway.
/// </summary>
public sealed class SharedVolumeAnnotation : IResourceAnnotation;
