using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// The group a container runs as, which must own its volume: a Kubernetes claim is mounted owned by root unless the pod's
/// <c>fsGroup</c> says otherwise. (Docker gives a new named volume the owner of the image's directory.)
/// </summary>
public sealed class VolumeGroupAnnotation(long groupId) : IResourceAnnotation
{
    public long GroupId { get; } = groupId;
}
