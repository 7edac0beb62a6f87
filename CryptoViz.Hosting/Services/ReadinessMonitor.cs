using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CryptoViz.Hosting.Services;

/// <summary>
/// Reads each running replica of a marked project at its own <c>/ready</c> every <see cref="PollInterval"/>, keeps the report for its health check and
/// shows the status at once as the resource's <c>readiness</c> property. Aspire runs the check of a healthy resource only
/// every 30 s (and wakes early only when its state changes), so the health column may miss a short outage; the property
/// does not.
/// </summary>
internal sealed class ReadinessMonitor(
    ResourceNotificationService notifications, ReadinessReports reports, TimeProvider time) : BackgroundService, IHostedLifecycleService
{
    private const string PropertyName = "readiness";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    // Longer than the services' own broker probe (5 s), so a broker outage reads as Degraded rather than as a timeout.
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };

    // Started before every hosted service starts: Aspire's orchestrator returns from its start only when each WaitFor is
    // met, and a WaitFor on a project waits for the health read here.
    public Task StartingAsync(CancellationToken cancellationToken) => base.StartAsync(cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var polls = new Dictionary<string, CancellationTokenSource>();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is not ProjectResource project || !project.Annotations.OfType<ReadinessProbeAnnotation>().Any()) continue;
                var running = update.Snapshot.State?.Text == KnownResourceStates.Running;
                if (running && !polls.ContainsKey(update.ResourceId))
                {
                    // Not ready until its own /ready says so: a replica that just started is no reason for the project to read Healthy.
                    reports.Set(project.Name, update.ResourceId, HealthCheckResult.Unhealthy("not asked yet"));
                    await ShowAsync(project, update.ResourceId, HealthStatus.Unhealthy);
                    var poll = polls[update.ResourceId] = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    _ = PollAsync(project, update.ResourceId, ReplicaUrl.For(update.Snapshot, project, Extensions.ReadinessEndpointPath), poll.Token);
                }
                else if (!running && polls.Remove(update.ResourceId, out var stopped))
                {
                    await stopped.CancelAsync();
                    stopped.Dispose();
                    reports.Forget(project.Name, update.ResourceId);
                    // A stopped replica's last reading would otherwise greet its restart.
                    await ShowAsync(project, update.ResourceId, status: null);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads one replica's <c>/ready</c> until it stops running.</summary>
    private async Task PollAsync(ProjectResource project, string replica, Uri ready, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            var first = true;
            do
            {
                var result = await ReadAsync(ready, cancellationToken);
                if (!reports.Set(project.Name, replica, result) && !first) continue;
                first = false;
                await ShowAsync(project, replica, result.Status);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Shows the replica's readiness as its property; null takes the property away.</summary>
    private Task ShowAsync(ProjectResource project, string replica, HealthStatus? status) =>
        notifications.PublishUpdateAsync(project, replica, s => s with
        {
            Properties = [.. s.Properties.Where(p => p.Name != PropertyName),
                .. status is { } shown ? [new ResourcePropertySnapshot(PropertyName, shown.ToString())] : Array.Empty<ResourcePropertySnapshot>()],
        });

    private static async Task<HealthCheckResult> ReadAsync(Uri ready, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s_http.GetAsync(ready, cancellationToken);
            var report = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            return Enum.TryParse<HealthStatus>(report, ignoreCase: false, out var status) && Enum.IsDefined(status)
                ? new HealthCheckResult(status, $"{Extensions.ReadinessEndpointPath}: {report}")
                : HealthCheckResult.Unhealthy($"{Extensions.ReadinessEndpointPath} answered {(int)response.StatusCode} without a health status");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{Extensions.ReadinessEndpointPath} did not answer: {ex.Message}");
        }
    }
}
