using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CryptoViz.Scraper.Backfill;

/// <summary>
/// <c>/health</c> entry "backfill": its progress in the description, where the Aspire dashboard shows it. Always Healthy:
/// a Scraper without history still publishes live quotes, and a failed run is retried.
/// </summary>
public sealed class BackfillHealthCheck(BackfillProgress progress) : IHealthCheck
{
    public const string Name = "backfill";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = progress.Snapshot();
        return Task.FromResult(HealthCheckResult.Healthy(status.Summary, new Dictionary<string, object>
        {
            ["state"] = status.State,
            ["series"] = $"{status.SeriesDone}/{status.SeriesTotal}",
            ["candles"] = status.Candles,
        }));
    }
}
