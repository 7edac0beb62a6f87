namespace CryptoViz.AppHost.Publishing.Compose;

public sealed class ComposeNetwork
{
    public required string Driver { get; init; }
}
