using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Hosting.Services;

/// <summary>The latest readiness report of each project, by resource name, as the <see cref="ReadinessMonitor"/> read it.</summary>
public sealed class ReadinessReports
{
    private readonly ConcurrentDictionary<string, HealthCheckResult> _latest = new();

    public HealthCheckResult Latest(string resource) =>
        _latest.TryGetValue(resource, out var result) ? result : HealthCheckResult.Unhealthy("not asked yet");

    /// <returns>Whether the status changed.</returns>
    public bool Set(string resource, HealthCheckResult result)
    {
        var changed = !_latest.TryGetValue(resource, out var previous) || previous.Status != result.Status;
        _latest[resource] = result;
        return changed;
    }
}
