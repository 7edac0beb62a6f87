using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Hosting.Services;

/// <summary>
/// The latest readiness report of each running replica, as the <see cref="ReadinessMonitor"/> read it. A project reads as
/// its least ready replica: a replica that is not ready takes a share of the project's traffic through the proxy.
/// </summary>
public sealed class ReadinessReports
{
    private readonly ConcurrentDictionary<(string Resource, string Replica), HealthCheckResult> _latest = new();

    public HealthCheckResult Latest(string resource) =>
        _latest.Where(entry => entry.Key.Resource == resource).Select(entry => entry.Value)
            .OrderBy(result => result.Status).FirstOrDefault(HealthCheckResult.Unhealthy("not asked yet"));

    /// <returns>Whether the replica's status changed.</returns>
    public bool Set(string resource, string replica, HealthCheckResult result)
    {
        var changed = !_latest.TryGetValue((resource, replica), out var previous) || previous.Status != result.Status;
        _latest[(resource, replica)] = result;
        return changed;
    }

    /// <summary>A replica that stopped no longer speaks for the project; its own state shows why.</summary>
    public void Forget(string resource, string replica) => _latest.TryRemove((resource, replica), out _);
}
