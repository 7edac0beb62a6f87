namespace CryptoViz.AppHost.Publishing;

public sealed record PublishedVariable(string Name, DeployValue Value);
