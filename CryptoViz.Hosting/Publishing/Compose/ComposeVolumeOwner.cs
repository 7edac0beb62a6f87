using CryptoViz.Hosting.Publishing.Model;

namespace CryptoViz.Hosting.Publishing.Compose;

/// <summary>
/// Docker gives a new named volume the owner of the image's directory at its mount path; where the image has none (the
/// lake's <c>/lake</c>), the volume is root's and a non-root service cannot write it. A one-shot, run as root before the
/// services that mount the volume, does what the kubelet does for a pod's <c>fsGroup</c>: the group owns the volume's
/// root and may write it, and what is created in it keeps the group (setgid).
/// </summary>
internal static class ComposeVolumeOwner
{
    public static bool IsNeeded(PublishedVolume volume) => volume is { OwnerGroupId: not null, ImageOwnsMountPath: false };

    public static string ServiceName(PublishedVolume volume) => $"{volume.Name}-owner";

    /// <param name="image">The image of a service that mounts the volume: it has a shell and coreutils, and is there anyway.</param>
    public static ComposeService Service(PublishedVolume volume, string image, string network) => new()
    {
        Image = image,
        User = "root",
        Entrypoint = ["sh", "-c"],
        Command = [$"chgrp {volume.OwnerGroupId} {volume.MountPath} && chmod 2775 {volume.MountPath}"],
        Volumes = [$"{volume.Name}:{volume.MountPath}"],
        Restart = "on-failure",
        Networks = [network],
    };
}
