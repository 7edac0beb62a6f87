namespace CryptoViz.Hosting.Publishing.Compose;

public sealed class ComposeNetwork
{
    public required string Driver { get; init; }
}
