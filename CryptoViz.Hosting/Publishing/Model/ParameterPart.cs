using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Model;

/// <summary>A parameter of the app model: published as a placeholder, never as its value.</summary>
public sealed record ParameterPart(ParameterResource Parameter) : DeployValuePart;
