using System.Net;
using Microsoft.Extensions.Http.Resilience;

namespace CryptoViz.Scraper.Extensions;

/// <summary>What every provider's HTTP client shares, live or history.</summary>
internal static class ProviderClientExtensions
{
    /// <summary>Provider payloads are tens to hundreds of kB; anything near this is not one.</summary>
    public const long MaxResponseBytes = 8 * 1024 * 1024;

    /// <summary>
    /// ServiceDefaults gives every client the standard handler, whose retry waits out a 429's Retry-After (CoinGecko says
    /// 119 s) and asks again until its 30 s total timeout fires. Providers' clients get one that leaves 429 to the caller,
    /// which knows how long to stay away; everything else keeps the defaults (a 418 ban is no transient error either).
    /// </summary>
    public static IHttpClientBuilder WithProviderResilience(this IHttpClientBuilder client)
    {
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
