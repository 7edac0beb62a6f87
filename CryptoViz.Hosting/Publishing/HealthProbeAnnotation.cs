using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing.Model;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// The health endpoint of a container resource for the published outputs. Projects need none: every service
/// maps ServiceDefaults' <c>/ready</c> and <c>/alive</c>.
/// </summary>
public sealed class HealthProbeAnnotation(PublishedHealth health) : IResourceAnnotation
{
    public PublishedHealth Health { get; } = health;
}
