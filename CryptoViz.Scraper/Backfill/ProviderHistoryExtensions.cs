using System.Net;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Scraper.Sources.CoinGecko;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Backfill;

public static class ProviderHistoryExtensions
{
    /// <summary>A page of history is at most a few hundred kB; anything near this is not one.</summary>
    private const long MaxResponseBytes = 8 * 1024 * 1024;

    /// <summary>
    /// The real providers' history sources (Binance's klines, CoinGecko's market chart) as <see cref="IHistorySource"/>
    /// singletons, each with its named HTTP client on the provider's configured root, and the CoinGecko ids the live
    /// listing keeps for them. Builds on the Scraper's own services (the supervisor, the options, the live sources).
    /// </summary>
    public static void AddProviderHistory(this IHostApplicationBuilder builder)
    {
        builder.AddHistoryClient(BinanceHistorySource.HttpClientName, o => o.Binance.RestBaseUrl!);
        builder.AddHistoryClient(CoinGeckoHistorySource.HttpClientName, o => o.CoinGecko.BaseUrl!)
            .RedactLoggedHeaders([CoinGeckoSource.DemoKeyHeader]);

        builder.Services.AddSingleton<CoinGeckoCoins>();
        builder.Services.AddSingleton<IHistorySource, BinanceHistorySource>();
        builder.Services.AddSingleton<IHistorySource, CoinGeckoHistorySource>();
    }

    private static IHttpClientBuilder AddHistoryClient(this IHostApplicationBuilder builder, string name, Func<ScraperOptions, Uri> baseUrl)
    {
        var client = builder.Services.AddHttpClient(name, (services, http) =>
        {
            http.BaseAddress = baseUrl(services.GetRequiredService<IOptions<ScraperOptions>>().Value);
            http.MaxResponseContentBufferSize = MaxResponseBytes;
        });

        // As for the live sources: the standard handler's retry would wait out a 429's Retry-After and ask again until
        // its total timeout, while the history source waits it out once itself and then gives up. The handler leaves 429
        // alone; everything else keeps the defaults (a 418 ban is no transient error and is not retried either).
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; it is the documented way to re-configure one client.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddStandardResilienceHandler(o =>
        {
            var transient = o.Retry.ShouldHandle;
            o.Retry.ShouldHandle = args =>
                args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
                    ? ValueTask.FromResult(false)
                    : transient(args);
            o.Retry.ShouldRetryAfterHeader = false;
        });
        return client;
    }
}
