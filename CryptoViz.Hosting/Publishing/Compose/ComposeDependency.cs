namespace CryptoViz.Hosting.Publishing.Compose;

public sealed class ComposeDependency
{
    public required string Condition { get; init; }
}
