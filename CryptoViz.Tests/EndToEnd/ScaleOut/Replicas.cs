using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Globalization;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>One running replica of a project: its resource id, its own address (not the proxy's) and its process.</summary>
public sealed record Replica(string ResourceId, Uri Url, int Pid)
{
    public HttpClient CreateHttpClient() => new() { BaseAddress = Url, Timeout = Timeout.InfiniteTimeSpan };
}

public static class Replicas
{
    /// <summary>Waits until <paramref name="count"/> replicas of <paramref name="resource"/> run and report healthy.</summary>
    public static async Task<IReadOnlyList<Replica>> HealthyAsync(DistributedApplication app, string resource, int count, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, ResourceEvent>();
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name != resource) continue;
            latest[update.ResourceId] = update;
            // Each replica's own readiness (the AppHost reads its /ready): the health column speaks for the project as a whole.
            var healthy = latest.Values.Where(e => e.Snapshot.State?.Text == KnownResourceStates.Running
                && Readiness(e) == nameof(HealthStatus.Healthy) && ReplicaUrl.Of(e.Snapshot) is not null && Pid(e) is not null).ToList();
            if (healthy.Count == count)
            {
                return [.. healthy.OrderBy(e => e.ResourceId, StringComparer.Ordinal)
                    .Select(e => new Replica(e.ResourceId, ReplicaUrl.Of(e.Snapshot)!, Pid(e)!.Value))];
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    private static string? Readiness(ResourceEvent update) =>
        update.Snapshot.Properties.FirstOrDefault(p => p.Name == "readiness")?.Value as string;

    private static int? Pid(ResourceEvent update) =>
        update.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var pid) ? pid : null;
}
