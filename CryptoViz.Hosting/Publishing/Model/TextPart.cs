namespace CryptoViz.Hosting.Publishing.Model;

public sealed record TextPart(string Text) : DeployValuePart;
