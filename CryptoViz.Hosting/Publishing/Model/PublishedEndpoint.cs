namespace CryptoViz.Hosting.Publishing.Model;

/// <param name="TargetPort">What the process listens on inside its container.</param>
/// <param name="Port">What other services and the host use: the launch profile's port for a project, the declared port for a container.</param>
/// <param name="IsExternal">A public face: published on the host by compose, fit for an Ingress on Kubernetes.</param>
public sealed record PublishedEndpoint(string Name, string Scheme, int TargetPort, int Port, bool IsExternal);
