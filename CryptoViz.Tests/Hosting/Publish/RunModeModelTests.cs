using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CryptoViz.Hosting.Kafka;
using CryptoViz.Hosting.Publishing.Compose;
using CryptoViz.Hosting.Publishing.Kubernetes;

namespace CryptoViz.Tests.Hosting.Publish;

/// <summary>
/// What the publishing additions leave of <c>dotnet run</c>: the run-mode app model is only built here, never
/// started, so no port is bound.
/// </summary>
public sealed class RunModeModelTests
{
    [Fact]
    public async Task Run_mode_has_no_deployment_environments_no_lake_volume_and_no_parameter_to_prompt_for()
    {
        await using var appHost = await RunModeAppHostAsync();

        Assert.DoesNotContain(appHost.Resources, r => r is DockerComposeEnvironmentResource or KubernetesEnvironmentResource or ParameterResource
            or LakeResource);
        Assert.Equal(1, ReplicasOf(appHost.Resources, "stream"));
        Assert.Equal(1, ReplicasOf(appHost.Resources, "ingest"));
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
            var environment = await EnvironmentOfAsync(appHost.Resources.Single(r => r.Name == name));

            Assert.Equal("2", environment["MALLOC_ARENA_MAX"]);
            Assert.Equal("0x200000", environment["DOTNET_GCgen0size"]);
        }
    }

    [Theory]
    [InlineData(KafkaMode.Embedded, "embedded")]
    [InlineData(KafkaMode.Container, "redpanda")]
    [InlineData(KafkaMode.External, "external")]
    public async Task The_services_that_reference_the_broker_are_told_which_kind_runs(KafkaMode mode, string kind)
    {
        await using var appHost = await RunModeAppHostAsync($"Kafka:Mode={mode}", "ConnectionStrings:kafka=broker.example:9092");

        // What the AppHost does on BeforeStartEvent, when every reference is known: called here, as publishing the event
        // needs a built app, and a built app that never ran can take 30 s to dispose.
        KafkaBrokerKind.AddToReferences(appHost.Resources, appHost.Resources.Single(r => r.Name == "kafka"));

        foreach (var name in (string[])["scraper", "ingest", "stream"])
        {
            Assert.Equal(kind, (await EnvironmentOfAsync(appHost.Resources.Single(r => r.Name == name)))["Kafka__Broker"]);
        }

        Assert.DoesNotContain("Kafka__Broker", (await EnvironmentOfAsync(appHost.Resources.Single(r => r.Name == "web"))).Keys);
    }

    /// <summary>The environment callbacks as DCP runs them, without resolving references (nothing is started here).</summary>
    private static async Task<Dictionary<string, object>> EnvironmentOfAsync(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource,
            [], TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    /// <param name="configuration">AppHost settings; a <c>Kafka:Mode</c> among them overrides the default Embedded.</param>
    private static Task<IDistributedApplicationTestingBuilder> RunModeAppHostAsync(params string[] configuration) =>
        DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            ["Kafka:Mode=Embedded", .. configuration], TestContext.Current.CancellationToken);

    private static int ReplicasOf(IEnumerable<IResource> resources, string name) =>
        resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
}
