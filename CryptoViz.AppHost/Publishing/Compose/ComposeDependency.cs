namespace CryptoViz.AppHost.Publishing.Compose;

public sealed class ComposeDependency
{
    public required string Condition { get; init; }
}
