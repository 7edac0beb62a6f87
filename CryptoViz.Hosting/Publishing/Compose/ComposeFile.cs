namespace CryptoViz.Hosting.Publishing.Compose;

/// <summary>The typed shape of <c>docker-compose.yaml</c> (Compose Specification), serialized with snake_case names.</summary>
public sealed class ComposeFile
{
    public Dictionary<string, ComposeService> Services { get; init; } = [];

    public Dictionary<string, ComposeNetwork> Networks { get; init; } = [];

    public Dictionary<string, ComposeVolume> Volumes { get; init; } = [];
}
