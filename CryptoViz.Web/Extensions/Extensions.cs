using CryptoViz.Web.Clients;
using CryptoViz.Web.Feed;
using CryptoViz.Web.Markets;
using CryptoViz.Web.Pipeline;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CryptoViz.Web.Extensions;

public static class Extensions
{
    /// <summary>Logical address of the Stream service, resolved by service discovery (<c>services:stream:http:0</c>).</summary>
    public const string StreamServiceAddress = "http://stream";

    /// <summary>Logical address of the Ingest service (<c>services:ingest:http:0</c>).</summary>
    public const string IngestServiceAddress = "http://ingest";

    /// <summary>Logical address of the Scraper (<c>services:scraper:http:0</c>), for its backfill's progress.</summary>
    public const string ScraperServiceAddress = "http://scraper";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StreamFeedOptions>()
            .BindConfiguration(StreamFeedOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The SSE read lasts as long as the app: the default resilience handler's 30 s total timeout
        // (and its retries of a request that never completes) would cut it, so this client has none.
        // MarketFeed reconnects with its own backoff instead.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental.
        builder.Services.AddHttpClient<StreamClient>(http =>
            {
                http.BaseAddress = new Uri(StreamServiceAddress);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        // Short queries that pages repeat every few seconds: the standard resilience handler, tuned so that
        // a down service is reported within a poll instead of after 30 s of backoff.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental.
        builder.Services.AddHttpClient<IngestClient>(http => http.BaseAddress = new Uri(IngestServiceAddress))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(ForPolling);
        builder.Services.AddHttpClient<StreamStatsClient>(http => http.BaseAddress = new Uri(StreamServiceAddress))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(ForPolling);
        builder.Services.AddHttpClient<ScraperClient>(http => http.BaseAddress = new Uri(ScraperServiceAddress))
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(ForPolling);
#pragma warning restore EXTEXP0001
        builder.Services.AddTransient<PipelineMonitor>();

        builder.Services.AddSingleton<MarketFeedMetrics>();
        builder.Services.AddSingleton<CandleStore>();
        builder.Services.AddSingleton<MarketTrends>();
        builder.Services.AddSingleton<MarketFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketFeed>());

        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
    }

    /// <summary>
    /// Two quick retries, 3 s per attempt, 8 s in all; never a retry of <c>/health</c>, whose 500/503 is the
    /// answer (Stream's 500 carries its report) and is asked again at the next poll anyway.
    /// </summary>
    public static void ForPolling(HttpStandardResilienceOptions options)
    {
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(8);
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        var retryable = options.Retry.ShouldHandle;
        options.Retry.ShouldHandle = args =>
            args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath == Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath
                ? ValueTask.FromResult(false)
                : retryable(args);
    }
}
