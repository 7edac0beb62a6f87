using CryptoViz.Web.Clients;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Pipeline;

/// <summary>
/// Asks every service how it is doing. Never throws for a service's failure: that service is reported
/// unreachable (or its part of the answer is null) and the rest still loads.
/// </summary>
public sealed class PipelineMonitor(
    IngestClient ingest, StreamStatsClient stream, ScraperClient scraper, HealthCheckService webHealth, TimeProvider time, ILogger<PipelineMonitor> logger)
{
    public const string WebServiceName = "Web";

    /// <summary>At most this many stored prices per coin: the newest of the range.</summary>
    public const int TickLimit = 10_000;

    public async Task<PipelineStatus> LoadStatusAsync(CancellationToken cancellationToken)
    {
        var streamHealth = stream.GetHealthAsync(cancellationToken);
        var ingestHealth = ingest.GetHealthAsync(cancellationToken);
        var web = CheckWebAsync(cancellationToken);
        var stats = TryAsync("Stream /stats", stream.GetStatsAsync, cancellationToken);
        var store = TryAsync("Ingest /api/stats", ingest.GetStatsAsync, cancellationToken);
        var coins = TryAsync("Ingest /api/coins", ingest.GetCoinsAsync, cancellationToken);
        var backfill = TryAsync("Scraper /api/backfill", scraper.GetBackfillAsync, cancellationToken);
        await Task.WhenAll(streamHealth, ingestHealth, web, stats, store, coins, backfill);

        var (streamService, streamBody) = await streamHealth;
        return new PipelineStatus(time.GetUtcNow(), [streamService, await ingestHealth, await web],
            await stats, streamBody, await store, await coins, await backfill);
    }

    public async Task<CoinActivity> LoadCoinAsync(string symbol, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var ticks = TryAsync($"Ingest ticks of {symbol}", ct => ingest.GetTicksAsync(symbol, fromUtc, toUtc, TickLimit, ct), cancellationToken);
        var sources = TryAsync($"Ingest sources of {symbol}", ct => ingest.GetSourcesAsync(symbol, ct), cancellationToken);
        await Task.WhenAll(ticks, sources);
        var loaded = await ticks;
        return new CoinActivity(symbol, loaded, await sources, loaded?.Count >= TickLimit);
    }

    /// <summary>Per source: coins quoted and last update (from every stored coin), records of the loaded coins.</summary>
    public static IReadOnlyList<SourceRow> Sources(
        IReadOnlyList<CoinSummary> coins, IEnumerable<CoinActivity> activity, DateTimeOffset now)
    {
        var loaded = activity.ToList();
        return
        [
            .. coins.GroupBy(c => c.Source)
                .Select(g =>
                {
                    var last = g.Max(c => c.Timestamp);
                    long? records = loaded.Any(a => a.Ticks is null)
                        ? null
                        : loaded.Sum(a => a.Ticks!.Count(t => t.Source == g.Key));
                    return new SourceRow(g.Key, g.Select(c => c.Symbol).Distinct().Count(), records, last, PipelineRules.Activity(last, now));
                })
                .OrderBy(r => r.Source, StringComparer.Ordinal),
        ];
    }

    private async Task<ServiceHealth> CheckWebAsync(CancellationToken cancellationToken)
    {
        var report = await webHealth.CheckHealthAsync(cancellationToken);
        var status = report.Status switch
        {
            HealthStatus.Healthy => ServiceStatus.Healthy,
            HealthStatus.Degraded => ServiceStatus.Degraded,
            _ => ServiceStatus.Unhealthy,
        };
        return new ServiceHealth(WebServiceName, status, $"{report.Entries.Count} checks, {report.TotalDuration.TotalMilliseconds:0} ms");
    }

    private async Task<T?> TryAsync<T>(string what, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
        where T : class?
    {
        try
        {
            return await load(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A service that is down or answers nonsense is a state the page shows, not an error of the page.
            PipelineLog.LoadFailed(logger, what, exception.Message);
            return null;
        }
    }
}
