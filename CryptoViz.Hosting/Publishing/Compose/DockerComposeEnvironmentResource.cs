using Aspire.Hosting.ApplicationModel;

namespace CryptoViz.Hosting.Publishing.Compose;

/// <summary>
/// A Docker Compose environment in the shape of <c>Aspire.Hosting.Docker</c>'s (not served here): publishing
/// writes <c>docker-compose.yaml</c> and <c>.env</c> for every compute resource of the model.
/// </summary>
public sealed class DockerComposeEnvironmentResource(string name) : Resource(name)
{
    /// <summary>Aspire's standalone dashboard, pinned to the Aspire version of the AppHost, as the OTLP receiver.</summary>
    public string DashboardImage { get; set; } = "mcr.microsoft.com/dotnet/aspire-dashboard:13.6.5";

    public string DashboardName => $"{Name}-dashboard";
}
