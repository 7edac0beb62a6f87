using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Stream.Apis;

/// <summary>V2's four routes at the root (docs/v2-contract.md#sse-get-stream, #get-health, #get-stats, #get-test): <c>/stream</c>, <c>/stats</c>, <c>/health</c>, <c>/test</c>.</summary>
public static class StreamApi
{
    public const string CorsPolicy = "stream-readers";

    public static RouteGroupBuilder MapStreamApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty).WithTags("Stream").RequireCors(CorsPolicy);

        api.MapGet("/stream", OpenStream)
            .WithName("Stream")
            .WithSummary("Live crypto updates as Server-Sent Events")
            .WithDescription("Unnamed SSE events: welcome first, then the latest tick per (symbol, source) or a replay after Last-Event-ID, then crypto_update and heartbeat. Ids are places in the broker's log, valid on every instance.");
        api.MapGet("/stats", GetStats)
            .WithName("GetStats")
            .WithSummary("Streaming counters, with V2's fields");
        api.MapGet(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath, GetHealthAsync)
            .WithName("GetHealth")
            .WithSummary("200 when the broker answers and partitions are assigned, else 500");

        // It changes what every client sees: off unless configured, and never offered to pages of other origins.
        if (app.ServiceProvider.GetRequiredService<IOptions<StreamOptions>>().Value.EnableTestEndpoint)
        {
            app.MapGet("/test", BroadcastTest)
                .WithTags("Stream")
                .WithName("BroadcastTest")
                .WithSummary("Broadcasts a fake crypto_update to every client (when Stream:EnableTestEndpoint is set)");
            StreamLog.TestEndpointEnabled(app.ServiceProvider.GetRequiredService<ILogger<StreamHub>>());
        }

        return api;
    }

    public static Results<EventStreamResult, ValidationProblem, ProblemHttpResult> OpenStream(
        [AsParameters] StreamRequest request, [AsParameters] StreamServices services, HttpContext httpContext)
    {
        if (!ClientFilter.TryParse(request.Symbols, request.Sources, request.Types, out var filter, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["types"] = [error] });
        }

        if (services.Hub.TryAdmit() is not { } place)
        {
            return TypedResults.Problem("Too many streaming clients; retry later.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // The session frees the place as it ends; this frees it should the session never start.
        httpContext.Response.RegisterForDispose(place);
        return new EventStreamResult(filter, request.LastEventId, place, services);
    }

    public static Ok<StreamStats> GetStats(StreamHub hub, ConsumerState consumer, TimeProvider time)
    {
        var counters = hub.ReadCounters();
        return TypedResults.Ok(new StreamStats(
            Envelopes.Backend,
            counters.ConnectedClients,
            counters.LastDataReceived is { } last ? V2Time.FormatIso(last.UtcDateTime) : null,
            counters.MessagesSent,
            consumer.StatusText,
            V2Time.FormatIso(hub.StartedAt.UtcDateTime),
            (time.GetUtcNow() - hub.StartedAt).TotalSeconds,
            counters.EventsPerSecond,
            counters.DroppedEvents,
            counters.SlowClientsDisconnected,
            counters.SlowestClientLag.TotalSeconds,
            consumer.Broker));
    }

    public static async Task<Results<Ok<StreamHealth>, JsonHttpResult<StreamHealth>>> GetHealthAsync(
        HealthCheckService healthChecks, StreamHub hub, ConsumerState consumer, TimeProvider time, CancellationToken cancellationToken)
    {
        // The registered checks include the consumer's own metadata probe: the broker answering right now.
        var report = await healthChecks.CheckHealthAsync(cancellationToken);
        var brokerOk = report.Status == HealthStatus.Healthy;
        var streaming = consumer.IsStreaming;
        var healthy = brokerOk && streaming;
        var body = new StreamHealth(
            Envelopes.Backend,
            hub.ConnectedClients,
            brokerOk ? "ok" : "error",
            healthy ? "healthy" : "unhealthy",
            streaming ? "active" : "inactive",
            V2Time.FormatIso(time.GetUtcNow().UtcDateTime));
        return healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, StreamApiJsonContext.Default.StreamHealth, statusCode: StatusCodes.Status500InternalServerError);
    }

    public static Ok<TestBroadcastResponse> BroadcastTest(StreamHub hub, TimeProvider time, ILogger<StreamHub> logger)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var record = new CryptoPrice
        {
            Name = "TestCoin",
            Symbol = "TEST",
            Price = 42.42,
            PercentChange24h = 1.23,
            MarketCap = 1_000_000,
            Source = "test",
            Timestamp = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc),
            IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
            ProducerId = "test-endpoint",
        };
        var notified = hub.Publish(record.Symbol, record.Source,
            JsonSerializer.SerializeToUtf8Bytes(record, CryptoVizJsonContext.Default.CryptoPrice), UpdateOrigin.TestEndpoint);
        StreamLog.TestBroadcast(logger, notified);
        return TypedResults.Ok(new TestBroadcastResponse(Envelopes.Backend, notified, record, "Test data broadcasted to streaming clients"));
    }
}
