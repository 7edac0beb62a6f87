using CryptoViz.Scraper.Extensions;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Scraper.Sources.CoinGecko;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Backfill;

public static class ProviderHistoryExtensions
{
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
        return builder.Services.AddHttpClient(name, (services, http) =>
            {
                http.BaseAddress = baseUrl(services.GetRequiredService<IOptions<ScraperOptions>>().Value);
                http.MaxResponseContentBufferSize = ProviderClientExtensions.MaxResponseBytes;
            })
            .WithProviderResilience();
    }
}
