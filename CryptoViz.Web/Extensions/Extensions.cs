using CryptoViz.Web.Feed;
using CryptoViz.Web.Markets;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CryptoViz.Web.Extensions;

public static class Extensions
{
    /// <summary>Logical address of the Stream service, resolved by service discovery (<c>services:stream:http:0</c>).</summary>
    public const string StreamServiceAddress = "http://stream";

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

        builder.Services.AddSingleton<MarketFeedMetrics>();
        builder.Services.AddSingleton<CandleStore>();
        builder.Services.AddSingleton<MarketFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MarketFeed>());

        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
    }
}
