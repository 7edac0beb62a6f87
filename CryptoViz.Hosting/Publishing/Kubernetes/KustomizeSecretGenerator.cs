namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary>
/// A Secret built by kustomize from a <c>KEY=value</c> file the user fills in, so no secret value is ever part of
/// the published manifests; kustomize rewrites the references to its hashed name.
/// </summary>
public sealed class KustomizeSecretGenerator
{
    public required string Name { get; init; }

    public required List<string> Envs { get; init; }
}
