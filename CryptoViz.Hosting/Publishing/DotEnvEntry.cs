namespace CryptoViz.Hosting.Publishing;

/// <param name="DefaultValue">Written only when the file does not hold a value yet; always empty for a secret.</param>
public sealed record DotEnvEntry(string Key, string Comment, string DefaultValue = "");
