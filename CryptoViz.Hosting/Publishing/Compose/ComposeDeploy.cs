namespace CryptoViz.Hosting.Publishing.Compose;

/// <summary>How many containers of a service <c>docker compose up</c> runs (docker-compose 1.29 reads it as well).</summary>
public sealed class ComposeDeploy
{
    public required int Replicas { get; init; }
}
