using System.Net;
using System.Text;
using CryptoViz.Scraper;
using CryptoViz.Scraper.Sources;
using CryptoViz.Scraper.Sources.CoinGecko;
using CryptoViz.Scraper.Sources.CoinMarketCap;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// Whatever body a REST provider sends, its source maps it to quotes and rejected items or refuses the whole
/// response with a <see cref="PriceFetchException"/>: no other exception escapes.
/// </summary>
public sealed class ProviderParserPropertyTests
{
    private static readonly IOptions<ScraperOptions> s_options = Options.Create(new ScraperOptions
    {
        CoinGecko = { BaseUrl = new Uri("http://provider.test/") },
        CoinMarketCap = { BaseUrl = new Uri("http://provider.test/") },
    });

    [Fact]
    public void CoinGecko_survives_any_body() =>
        Check(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets), http => new CoinGeckoSource(http, s_options, Keys(), TimeProvider.System, new CoinGeckoCoins()));

    [Fact]
    public void CoinMarketCap_survives_any_body() =>
        Check(ScraperFixtures.Read(ScraperFixtures.CoinMarketCapListings), http => new CoinMarketCapSource(http, s_options, Keys(), TimeProvider.System));

    private static void Check(string recorded, Func<HttpClient, HttpPriceSource> create)
    {
        // Arbitrary text; the recording cut and spliced anywhere; and the recording with one value swapped for another type.
        var arbitrary = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var spliced = Gen.Choose(0, recorded.Length).Two()
            .Select(t => recorded[..Math.Min(t.Item1, t.Item2)] + recorded[Math.Max(t.Item1, t.Item2)..]);
        var values = Gen.Elements("null", "true", "-1", "1e308", "\"\"", "\"x\"", "[]", "{}", "\"2023-13-45T99:00:00Z\"");
        var retyped = Gen.Choose(0, recorded.Length - 1).Zip(values).Select(t => Retype(recorded, t.Item1, t.Item2));

        Prop.ForAll(Gen.OneOf(arbitrary, spliced, retyped).ToArbitrary(), body => Survives(create, body))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    /// <summary>Replaces the JSON value that follows the first <c>": "</c> or <c>":</c> at or after <paramref name="at"/>.</summary>
    private static string Retype(string json, int at, string value)
    {
        var colon = json.IndexOf(':', at);
        if (colon < 0) return json;
        var end = json.IndexOfAny([',', '}', ']'], colon + 1);
        return end < 0 ? json : json[..(colon + 1)] + value + json[end..];
    }

    private static bool Survives(Func<HttpClient, HttpPriceSource> create, string body)
    {
        using var http = new HttpClient(new FixedResponse(body)) { BaseAddress = new Uri("http://provider.test/") };
        try
        {
            var fetch = create(http).FetchAsync(CancellationToken.None).GetAwaiter().GetResult();
            return fetch.Quotes.All(q => q.Symbol.Length > 0) && fetch.Rejected.All(r => r.Reason.Length > 0);
        }
        catch (PriceFetchException ex)
        {
            return ex.Reason.Length > 0;
        }
    }

    private static IOptionsMonitor<ProviderKeyOptions> Keys() => new FixedKeys();

    private sealed class FixedKeys : IOptionsMonitor<ProviderKeyOptions>
    {
        private static readonly ProviderKeyOptions s_key = new() { ApiKey = "test-key" };

        public ProviderKeyOptions CurrentValue => s_key;

        public ProviderKeyOptions Get(string? name) => s_key;

        public IDisposable? OnChange(Action<ProviderKeyOptions, string?> listener) => null;
    }

    private sealed class FixedResponse(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            });
    }
}
