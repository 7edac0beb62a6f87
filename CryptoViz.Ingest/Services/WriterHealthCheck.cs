using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// <c>/health</c> and <c>/alive</c> entry "writer": Degraded while batches fail to store (the writer retries, nothing is
/// lost, offsets wait), Unhealthy once that has lasted <see cref="IngestOptions.StuckAfter"/>: a writer that cannot store
/// for that long (a full disk, an invalidated database) needs a restart, which a liveness probe gives it.
/// </summary>
public sealed class WriterHealthCheck(WriterHealth health, IOptions<IngestOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "writer";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.FailingSince is not { } since) return Task.FromResult(HealthCheckResult.Healthy("storing"));
        var failing = time.GetUtcNow() - since;
        var description = $"batches have failed to store for {failing.TotalSeconds:0} s (since {since:u})";
        return Task.FromResult(failing >= options.Value.StuckAfter
            ? HealthCheckResult.Unhealthy(description)
            : HealthCheckResult.Degraded(description));
    }
}
