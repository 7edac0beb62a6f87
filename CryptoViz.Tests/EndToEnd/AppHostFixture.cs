using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.EndToEnd;

/// <summary>
/// The real app model, started once for the whole collection: the AppHost's own Program, DCP, four
/// service processes and the embedded broker. Every service exports its spans to a test OTLP receiver.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Resources = ["kafka", "scraper", "ingest", "stream", "web"];

    public const int OutageSeconds = 15;

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(4);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("cryptoviz-e2e-").FullName;

    public DistributedApplication App { get; private set; } = null!;

    public OtlpTraceReceiver Telemetry { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(s_startTimeout);
        Telemetry = await OtlpTraceReceiver.StartAsync();
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            // A short simulated outage: the collection's other tests share this app model. A hang is found within
            // seconds, yet a slow answer or two on this shared machine kills nothing.
            [$"DuckDB:DataDirectory={_dataDirectory}", "Kafka:Mode=Embedded", $"Kafka:Embedded:OutageSeconds={OutageSeconds}",
             "Supervisor:LivenessPeriod=00:00:01", "Supervisor:LivenessTimeout=00:00:05", "Supervisor:LivenessFailureThreshold=5"], cts.Token);
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
        {
            appHost.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .WithEnvironment("OTEL_BSP_SCHEDULE_DELAY", "500");
        }

        App = await appHost.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        foreach (var resource in Resources)
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
    }

    public HttpClient CreateHttpClient(string resource) => App.CreateHttpClient(resource);

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Telemetry is not null) await Telemetry.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A service that still holds the file lock at exit leaves a temp folder behind; not worth failing for.
        }
    }
}
