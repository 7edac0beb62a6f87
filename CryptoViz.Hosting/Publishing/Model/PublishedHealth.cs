namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>HTTP paths a target probes: readiness (serve traffic, dependents may start) and liveness (restart when it fails).</summary>
public sealed record PublishedHealth(string EndpointName, string ReadinessPath, string LivenessPath);
