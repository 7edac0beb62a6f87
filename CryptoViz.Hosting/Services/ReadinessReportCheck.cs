using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Hosting.Services;

/// <summary>Answers from the monitor's latest reading: the dashboard's check never waits on a slow <c>/ready</c>.</summary>
internal sealed class ReadinessReportCheck(ReadinessReports reports, string resource) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(reports.Latest(resource));
}
