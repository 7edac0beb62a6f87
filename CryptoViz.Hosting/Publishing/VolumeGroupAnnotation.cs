using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing;

/// <summary>
/// The group a container runs as, which must own its volume: a Kubernetes claim is mounted owned by root unless the pod's
/// <c>fsGroup</c> says otherwise. Docker gives a new named volume the owner of the image's directory at the mount path;
/// where the image has none, compose hands the volume to the group itself.
/// </summary>
/// <param name="imageOwnsMountPath">The image has the mount path, owned by the group (the .NET images' <c>/home/app</c>).</param>
public sealed class VolumeGroupAnnotation(long groupId, bool imageOwnsMountPath = true) : IResourceAnnotation
{
    public long GroupId { get; } = groupId;

    public bool ImageOwnsMountPath { get; } = imageOwnsMountPath;
}
