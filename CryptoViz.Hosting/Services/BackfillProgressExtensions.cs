using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Shows the Scraper's backfill in the dashboard: a health report of its own on the resource whose description is the
/// backfill's summary ("backfilling 12/20 series, 3.1 days"), read from the Scraper's <c>/api/backfill</c>. The dashboard
/// shows a resource's health reports, not the entries of the service's own <c>/health</c>. Run mode only.
/// </summary>
public static class BackfillProgressExtensions
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static IResourceBuilder<ProjectResource> WithBackfillProgress(this IResourceBuilder<ProjectResource> scraper)
    {
        if (!scraper.ApplicationBuilder.ExecutionContext.IsRunMode) return scraper;
        var name = $"{scraper.Resource.Name}_backfill";
        var endpoint = scraper.GetEndpoint("http");
        scraper.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(name, async cancellationToken =>
        {
            // Always Healthy: a Scraper without history still publishes live quotes; whether it answers at all is its
            // /health check's business. The report is here for its description.
            try
            {
                await using var body = await s_http.GetStreamAsync(new Uri(new Uri(endpoint.Url), "/api/backfill"), cancellationToken);
                using var status = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
                return HealthCheckResult.Healthy(status.RootElement.GetProperty("summary").GetString());
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return HealthCheckResult.Healthy($"backfill progress unknown: {ex.Message}");
            }
        });
        return scraper.WithHealthCheck(name);
    }
}
