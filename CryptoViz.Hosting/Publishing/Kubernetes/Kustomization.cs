namespace CryptoViz.Hosting.Publishing.Kubernetes;

/// <summary><c>kustomization.yaml</c>: <c>kubectl apply -k</c> applies every manifest into one namespace.</summary>
public sealed class Kustomization
{
    public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    public string Kind { get; init; } = "Kustomization";

    public required string Namespace { get; init; }

    public required List<string> Resources { get; init; }

    public List<KustomizeGenerator>? ConfigMapGenerator { get; init; }

    public List<KustomizeGenerator>? SecretGenerator { get; init; }
}
