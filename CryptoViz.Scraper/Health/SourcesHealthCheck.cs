using CryptoViz.Scraper.Sources;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Scraper.Health;

/// <summary>
/// <c>/health</c> entry "sources": each provider's state in the data, the fallback in the description. Always Healthy:
/// a Scraper on its simulated fallback still does its job, and Aspire treats anything else as not ready.
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

        var description = supervisor.SimulatedMode switch
        {
            SourceMode.On => "simulated: forced on",
            _ when supervisor.FallbackActive => "fallback: simulated",
            _ => $"real providers: {string.Join(", ", supervisor.Sources.Select(s => s.Name))}",
        };
        return Task.FromResult(HealthCheckResult.Healthy(description, data));
    }
}
