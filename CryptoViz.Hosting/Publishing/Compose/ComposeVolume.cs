namespace CryptoViz.Hosting.Publishing.Compose;

/// <summary>A named volume with Docker's defaults (local driver); written as <c>{}</c>.</summary>
public sealed class ComposeVolume;
