namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>
/// One compute resource of the app model as every deployment target sees it, read once from the model
/// so that the compose file and the Kubernetes manifests cannot disagree about it.
/// </summary>
/// <param name="IsOneShot">Runs to completion and others wait for that: no restart once done, an init container on Kubernetes.</param>
/// <param name="IsStateful">Holds data or is addressed by name (a broker): a StatefulSet on Kubernetes, as Aspire's publisher does.</param>
/// <param name="IsPublicFace">Its external endpoints are for users, not for the operator (<see cref="PublicFaceAnnotation"/>).</param>
public sealed record PublishedService(
    string Name,
    bool IsProject,
    bool IsStateful,
    bool IsOneShot,
    bool IsPublicFace,
    string Image,
    string? Entrypoint,
    IReadOnlyList<DeployValue> Args,
    IReadOnlyList<PublishedVariable> Environment,
    IReadOnlyList<PublishedEndpoint> Endpoints,
    IReadOnlyList<PublishedVolume> Volumes,
    PublishedHealth? Health,
    ComputeResources Resources,
    int Replicas,
    IReadOnlyList<PublishedDependency> WaitsFor)
{
    public PublishedEndpoint Endpoint(string name) =>
        Endpoints.FirstOrDefault(e => e.Name == name)
        ?? throw new InvalidOperationException($"{Name} publishes no endpoint named '{name}'");
}
