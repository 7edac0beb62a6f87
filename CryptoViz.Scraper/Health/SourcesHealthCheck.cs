using CryptoViz.Scraper.Sources;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Scraper.Health;

/// <summary>
/// <c>/health</c> entry "sources": each provider's state in the data, the fallback in the description. Always Healthy:
/// a Scraper on its offline fallback still does its job, and Aspire treats anything else as not ready.
/// </summary>
public sealed class SourcesHealthCheck(SourceSupervisor supervisor) : IHealthCheck
{
    public const string Name = "sources";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        foreach (var state in supervisor.Sources) data[state.Name] = state.ToString();
        foreach (var (name, reason) in supervisor.Disabled) data[name] = $"off: {reason}";
        data["simulated"] = supervisor.SimulatedMode.ToString().ToLowerInvariant();
        data["replay"] = supervisor.ReplayMode.ToString().ToLowerInvariant()
                         + (supervisor.Replayed.Count > 0 ? $": {string.Join(", ", supervisor.Replayed.Order(StringComparer.Ordinal))}" : "");

        var description = (supervisor.ReplayMode, supervisor.SimulatedMode) switch
        {
            (SourceMode.On, _) or (_, SourceMode.On) => $"forced on: {string.Join(" + ", Forced(supervisor))}",
            _ when supervisor.FallbackActive => $"fallback: {supervisor.FallbackDescription}",
            _ => $"real providers: {string.Join(", ", supervisor.Sources.Select(s => s.Name))}",
        };
        return Task.FromResult(HealthCheckResult.Healthy(description, data));
    }

    private static IEnumerable<string> Forced(SourceSupervisor supervisor)
    {
        if (supervisor.ReplayMode == SourceMode.On) yield return "replay";
        if (supervisor.SimulatedMode == SourceMode.On) yield return "simulated";
    }
}
