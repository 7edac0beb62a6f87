using System.Net.Http.Json;
using System.Text.Json;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Clients;

/// <summary>Typed client for Stream's <c>/stats</c> and <c>/health</c>; its base address is the logical <c>http://stream</c>.</summary>
public sealed class StreamStatsClient(HttpClient http)
{
    public const string ServiceName = "Stream";

    public async Task<StreamStats> GetStatsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("/stats", StreamApiJsonContext.Default.StreamStats, cancellationToken)
            ?? throw new InvalidOperationException("Stream answered /stats with null.");

    /// <summary>Reads the body whatever the status: Stream answers 500 with the same JSON when it is unhealthy.</summary>
    public async Task<(ServiceHealth Health, StreamHealth? Body)> GetHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/health", cancellationToken);
            StreamHealth? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync(StreamApiJsonContext.Default.StreamHealth, cancellationToken);
            }
            catch (JsonException)
            {
                body = null;
            }

            var status = body?.Status switch
            {
                "healthy" when response.IsSuccessStatusCode => ServiceStatus.Healthy,
                _ => ServiceStatus.Unhealthy,
            };
            var detail = body is null
                ? $"HTTP {(int)response.StatusCode}, no health report"
                : $"Broker {body.Redpanda}, streaming {body.Streaming}";
            return (new ServiceHealth(ServiceName, status, detail), body);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (ServiceHealth.Unreachable(ServiceName, exception), null);
        }
    }
}
