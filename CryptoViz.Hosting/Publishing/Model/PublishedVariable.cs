namespace CryptoViz.Hosting.Publishing.Model;

public sealed record PublishedVariable(string Name, DeployValue Value);
