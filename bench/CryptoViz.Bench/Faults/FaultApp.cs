using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CryptoViz.Hosting.Kafka;
using CryptoViz.Bench.Footprint;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// The real app model, as the end-to-end tests start it (CryptoViz.Tests/EndToEnd/AppHostFixture.cs): the AppHost's own
/// Program in this process with its embedded broker and restart supervisor, DCP, and the four services as processes of
/// their own, built in this bench's configuration.
/// </summary>
internal sealed class FaultApp : IAsyncDisposable
{
    public static readonly string[] Resources = ["kafka", "scraper", "ingest", "stream", "web"];

    private readonly DistributedApplication _app;
    private readonly DistributedApplicationModel _model;

    private FaultApp(DistributedApplication app)
    {
        _app = app;
        _model = app.Services.GetRequiredService<DistributedApplicationModel>();
    }

    public static async Task<FaultApp> StartAsync(string dataDirectory, TimeSpan outage, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CryptoViz_AppHost>(
            [
                $"{DuckDBBuilderExtensions.DataDirectoryKey}={dataDirectory}",
                $"{KafkaBuilderExtensions.ModeKey}=Embedded",
                $"{EmbeddedKafkaBuilderExtensions.OutageSecondsKey}={(int)outage.TotalSeconds}",
            ], cts.Token);
        // The services' own output goes to the bench's log file (ServiceLogs); the AppHost's console would interleave the tables.
        builder.Services.AddLogging(logging => logging.ClearProviders());
        var app = await builder.BuildAsync(cts.Token);
        try
        {
            await app.StartAsync(cts.Token);
            foreach (var resource in Resources)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new FaultApp(app);
    }

    public EmbeddedKafkaBroker Broker =>
        _model.Resources.OfType<EmbeddedKafkaResource>().Single().Broker ?? throw new InvalidOperationException("the embedded broker has not started");

    public IResource Resource(string name) => _model.Resources.Single(r => r.Name == name);

    public ResourceLoggerService Logs => _app.Services.GetRequiredService<ResourceLoggerService>();

    public HttpClient CreateHttpClient(string resource) => _app.CreateHttpClient(resource);

    /// <summary>
    /// Where the service's own process listens, behind DCP's proxy: DCP picks that port when it starts the process and
    /// hands it over in <c>ASPNETCORE_URLS</c>; the app model does not know it.
    /// </summary>
    public Uri ServiceUrl(string resource)
    {
        var process = ServiceProcess(resource) ?? throw new InvalidOperationException($"{resource}'s process was not found");
        var urls = File.ReadAllText($"/proc/{process.Pid}/environ").Split('\0')
            .FirstOrDefault(v => v.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal))?["ASPNETCORE_URLS=".Length..]
            ?? throw new InvalidOperationException($"{resource}'s process has no ASPNETCORE_URLS");
        return new Uri(urls.Split(';').First(u => u.StartsWith("http://", StringComparison.Ordinal)));
    }

    /// <summary>The resources whose health Aspire does not report as Healthy right now.</summary>
    public IReadOnlyList<ResourceHealth> NotHealthy() =>
    [
        .. Resources.Select(r => _app.ResourceNotifications.TryGetCurrentState(r, out var e)
                ? new ResourceHealth(r, e.Snapshot.State?.Text, e.Snapshot.HealthStatus)
                : new ResourceHealth(r, null, null))
            .Where(r => r.Health != HealthStatus.Healthy),
    ];

    public bool IsProject(string resource) => Resource(resource) is ProjectResource;

    /// <summary>
    /// The service's own process: DCP's <c>executable.pid</c> is the <c>dotnet run</c> wrapper when the project is started
    /// through it, and the service its child (CryptoViz.Tests/EndToEnd/SupervisorTests.cs).
    /// </summary>
    public ProcessEntry? ServiceProcess(string resource)
    {
        if (!_app.ResourceNotifications.TryGetCurrentState(resource, out var e)) return null;
        if (e.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString() is not { } text || !int.TryParse(text, out var pid))
        {
            return null;
        }

        var assembly = "CryptoViz." + char.ToUpperInvariant(resource[0]) + resource[1..];
        var snapshot = ProcFs.Snapshot();
        var children = snapshot.ToLookup(p => p.ParentPid);
        var pending = new Stack<ProcessEntry>(snapshot.Where(p => p.Pid == pid));
        while (pending.TryPop(out var process))
        {
            if (process.Runs(assembly) && !process.IsDotnetRun) return process;
            foreach (var child in children[process.Pid]) pending.Push(child);
        }

        return null;
    }

    public Task<ExecuteCommandResult> ExecuteCommandAsync(string resource, string command, CancellationToken cancellationToken) =>
        _app.ResourceCommands.ExecuteCommandAsync(resource, command, cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

internal sealed record ResourceHealth(string Name, string? State, HealthStatus? Health)
{
    public override string ToString() => $"{Name} {State ?? "unknown"}/{Health?.ToString() ?? "no health"}";
}
