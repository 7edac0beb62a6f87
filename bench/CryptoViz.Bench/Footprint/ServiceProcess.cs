namespace CryptoViz.Bench.Footprint;

/// <summary>A process of the AppHost's tree with its role; <see cref="Service"/> names the service for the first two roles.</summary>
internal sealed record ServiceProcess(ProcessEntry Process, ProcessRole Role, string? Service);
