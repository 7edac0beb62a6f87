using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>
/// The real app model with Stream ×3 and Ingest ×2 (<c>Stream:Replicas</c>, <c>Ingest:Replicas</c>), started once for the
/// collection: DCP runs the replicas behind one proxied address each, the Ingest replicas take the two DuckDB slots of
/// one data directory and share the lake beside them.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public const int StreamReplicas = 3;
    public const int IngestReplicas = 2;

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(4);

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("cryptoviz-scale-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>When the app was started: the Scraper's backfill fills the week before it.</summary>
    public DateTime StartedAt { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(s_startTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            [$"DuckDB:DataDirectory={DataDirectory}", "Kafka:Mode=Embedded",
             $"Stream:Replicas={StreamReplicas}", $"Ingest:Replicas={IngestReplicas}",
             // A killed replica comes back after its partitions have moved, not within the same rebalance.
             "Supervisor:InitialDelay=00:00:20"], cts.Token);
        // Segments cut every 2 s rather than every minute: the test waits for the lake to catch up with the hot stores.
        var ingest = appHost.Resources.OfType<ProjectResource>().Single(p => p.Name == "ingest");
        appHost.CreateResourceBuilder(ingest).WithEnvironment("Ingest__Lake__SegmentAge", "00:00:02");

        App = await appHost.BuildAsync(cts.Token);
        StartedAt = DateTime.UtcNow;
        await App.StartAsync(cts.Token);
        await Replicas.HealthyAsync(App, "stream", StreamReplicas, cts.Token);
        await Replicas.HealthyAsync(App, "ingest", IngestReplicas, cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("scraper", cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A service that still holds the file lock at exit leaves a temp folder behind; not worth failing for.
        }
    }
}
