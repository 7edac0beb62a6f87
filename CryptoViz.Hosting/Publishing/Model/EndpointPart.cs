using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>A property of another resource's endpoint: its address depends on where it is deployed.</summary>
public sealed record EndpointPart(string Resource, string Endpoint, EndpointProperty Property) : DeployValuePart;
