namespace CryptoViz.Hosting.Publishing;

/// <summary>Kubernetes requests and limits, in Kubernetes quantity syntax (<c>250m</c>, <c>512Mi</c>).</summary>
public sealed record ComputeResources(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit)
{
    /// <summary>What one .NET service of this app needs at rest, with room for bursts.</summary>
    public static ComputeResources Service { get; } = new("100m", "128Mi", "1", "512Mi");
}
