using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CryptoViz.AppHost.Publishing.Compose;
using CryptoViz.AppHost.Publishing.Kubernetes;

namespace CryptoViz.Tests.Publish;

/// <summary>
/// What the publishing additions leave of <c>dotnet run</c>: the run-mode app model is only built here, never
/// started, so no port is bound.
/// </summary>
public sealed class RunModeModelTests
{
    [Fact]
    public async Task Run_mode_has_no_deployment_environments_and_no_key_parameter_to_prompt_for()
    {
        var resources = await RunModeResourcesAsync();

        Assert.DoesNotContain(resources, r => r is DockerComposeEnvironmentResource or KubernetesEnvironmentResource or ParameterResource);
        Assert.Equal(1, ReplicasOf(resources, "stream"));
    }

    [Fact]
    public async Task Run_mode_hands_a_key_configured_in_the_AppHost_to_the_Scraper()
    {
        var resources = await RunModeResourcesAsync("Parameters:coinmarketcap-api-key=configured-in-the-apphost");

        var key = Assert.Single(resources.OfType<ParameterResource>());
        Assert.True(key.Secret);
        Assert.Equal("configured-in-the-apphost", await key.GetValueAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<IReadOnlyList<IResource>> RunModeResourcesAsync(params string[] configuration)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            ["Kafka:Mode=Embedded", .. configuration], TestContext.Current.CancellationToken);
        return [.. appHost.Resources];
    }

    private static int ReplicasOf(IEnumerable<IResource> resources, string name) =>
        resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
}
