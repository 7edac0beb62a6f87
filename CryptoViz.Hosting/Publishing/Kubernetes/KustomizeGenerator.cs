namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>
/// A Secret or ConfigMap built by kustomize from a <c>KEY=value</c> file the user fills in, so that no parameter's value
/// is ever part of the published manifests; kustomize rewrites the references to its hashed name.
/// </summary>
public sealed class KustomizeGenerator
{
    public required string Name { get; init; }

    public required List<string> Envs { get; init; }
}
