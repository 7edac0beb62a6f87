namespace CryptoViz.AppHost.Publishing;

public sealed record TextPart(string Text) : DeployValuePart;
