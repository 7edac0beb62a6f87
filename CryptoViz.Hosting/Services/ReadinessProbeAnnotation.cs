using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Services;

/// <summary>Marks a project whose <c>/ready</c> the <see cref="ReadinessMonitor"/> polls.</summary>
public sealed class ReadinessProbeAnnotation : IResourceAnnotation;
