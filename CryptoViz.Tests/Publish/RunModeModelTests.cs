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
        await using var appHost = await RunModeAppHostAsync();

        Assert.DoesNotContain(appHost.Resources, r => r is DockerComposeEnvironmentResource or KubernetesEnvironmentResource or ParameterResource);
        Assert.Equal(1, ReplicasOf(appHost.Resources, "stream"));
    }

    [Fact]
    public async Task Run_mode_hands_a_key_configured_in_the_AppHost_to_the_Scraper()
    {
        await using var appHost = await RunModeAppHostAsync("Parameters:coinmarketcap-api-key=configured-in-the-apphost");

        var key = Assert.Single(appHost.Resources.OfType<ParameterResource>());
        Assert.True(key.Secret);
        Assert.Equal("configured-in-the-apphost", await key.GetValueAsync(TestContext.Current.CancellationToken));
        var scraper = appHost.Resources.Single(r => r.Name == "scraper");
        Assert.Contains(scraper.Annotations.OfType<ResourceRelationshipAnnotation>(), r => r.Resource == key);
    }

    [Fact]
    public async Task Run_mode_starts_the_four_services_with_the_development_memory_settings()
    {
        await using var appHost = await RunModeAppHostAsync();

        foreach (var name in (string[])["scraper", "ingest", "stream", "web"])
        {
            // The environment callbacks as DCP runs them, without resolving references (nothing is started here).
            var project = appHost.Resources.Single(r => r.Name == name);
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), project,
                [], TestContext.Current.CancellationToken);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            Assert.Equal("2", context.EnvironmentVariables["MALLOC_ARENA_MAX"]);
            Assert.Equal("0x200000", context.EnvironmentVariables["DOTNET_GCgen0size"]);
        }
    }

    private static Task<IDistributedApplicationTestingBuilder> RunModeAppHostAsync(params string[] configuration) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            ["Kafka:Mode=Embedded", .. configuration], TestContext.Current.CancellationToken);

    private static int ReplicasOf(IEnumerable<IResource> resources, string name) =>
        resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
}
