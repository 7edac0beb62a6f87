using System.Globalization;
using System.Text.Json.Nodes;
using CryptoViz.Scraper.Sources.CoinGecko;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Scraper;

/// <summary>The CoinGecko provider against a local server playing CoinGecko's recorded responses.</summary>
public sealed class CoinGeckoSourceTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(60);
    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Recorded_markets_map_to_V2_records_and_are_published()
    {
        // Arrange: the recording has no null 24 h change, so this test nulls Bitcoin's in code.
        var payload = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets))!.AsArray();
        payload[0]!["price_change_percentage_24h"] = null;
        _server.Respond(c => ServeMarketsAsync(c, payload.ToJsonString()));
        await using var host = Host();

        // Act
        var records = await host.ConsumeAsync(kafka, r => r.Count >= 50);

        // Assert
        var request = Assert.Single(_server.Requests);
        Assert.Equal("/api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=50&page=1", request.PathAndQuery);
        Assert.False(request.Headers.ContainsKey(CoinGeckoSource.DemoKeyHeader));
        Assert.Equal(50, records.Count);
        Assert.All(records, r => Assert.Equal("coingecko", r.Source));
        Assert.All(records, r => Assert.Equal(r.Symbol.ToUpperInvariant(), r.Symbol));

        var btc = Assert.Single(records, r => r.Symbol == "BTC");
        Assert.Equal("Bitcoin", btc.Name);
        Assert.Equal(16951.52, btc.Price);
        Assert.Equal(326407877229d, btc.MarketCap);
        Assert.Null(btc.PercentChange24h);
        Assert.Equal(new DateTime(2023, 1, 8, 16, 49, 40, DateTimeKind.Utc), btc.Timestamp);
        Assert.Equal(ScraperHost.Start.UtcDateTime, btc.IngestionTimestamp);
        Assert.Equal("2.0", btc.SchemaVersion);
        // total_volume is the 24 h volume in USD; CoinGecko gives no per-quote volume.
        Assert.Equal(10076421985d, btc.Volume24h);
        Assert.Equal((null, null), (btc.Volume, btc.QuoteVolume));
        Assert.All(records, r => Assert.True(r.Volume24h > 0));

        var eth = Assert.Single(records, r => r.Symbol == "ETH");
        Assert.Equal(0.28757, eth.PercentChange24h);
        Assert.Equal(2743538847d, eth.Volume24h);
        Assert.Equal(50, host.State("coingecko").Published);
    }

    [Fact]
    public async Task The_demo_key_goes_in_its_header_when_configured()
    {
        _server.Respond(c => ServeMarketsAsync(c, ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets)));
        await using var host = Host(new() { ["CoinGecko:ApiKey"] = "demo-key-for-tests" });

        await host.UntilAsync(() => host.State("coingecko").Fetches == 1, "the first fetch");

        Assert.Equal("demo-key-for-tests", Assert.Single(_server.Requests).Headers[CoinGeckoSource.DemoKeyHeader]);
    }

    [Fact]
    public async Task A_429_with_Retry_After_skips_the_cycles_until_then()
    {
        // Arrange: CoinGecko's recorded 429 body with the Retry-After it came with (119 s); the interval is 60 s.
        _server.Respond(c =>
        {
            c.Response.Headers.RetryAfter = "119";
            return FakeProviderServer.WriteAsync(c, 429, "application/json", ScraperFixtures.Read(ScraperFixtures.CoinGecko429));
        });
        await using var host = Host();
        var state = host.State("coingecko");
        await host.UntilAsync(() => state.Fetches == 1, "the rate-limited fetch");
        Assert.Equal("rate-limited", state.LastError);
        Assert.Equal(ScraperHost.Start.AddSeconds(119), state.PausedUntil);
        _server.Respond(c => ServeMarketsAsync(c, ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets)));

        // Act + Assert: at 60 s the cycle is skipped without a call ...
        host.Time.Advance(s_interval);
        await host.UntilAsync(() => state.Skipped == 1, "the skipped cycle");
        Assert.Single(_server.Requests);

        // ... and at 120 s (past 119 s) the provider is called again.
        host.Time.Advance(s_interval);
        await host.UntilAsync(() => state.Fetches == 2, "the fetch after Retry-After");
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(50, state.Published);
        Assert.Null(state.LastError);
    }

    [Fact]
    public async Task An_HTML_error_page_is_one_rejected_fetch_with_a_reason()
    {
        _server.Respond(c => FakeProviderServer.WriteAsync(c, 200, "text/html; charset=utf-8",
            "<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>"));
        await using var host = Host();
        var state = host.State("coingecko");

        await host.UntilAsync(() => state.Fetches == 1, "the fetch");

        Assert.Equal("not-json", state.LastError);
        Assert.Equal(0, state.Published);
        var log = Assert.Single(host.Logs.Entries, e => e.EventId.Name == "FetchRejected");
        Assert.Contains("Fetch from coingecko rejected: not-json", log.Text);
        Assert.Contains("text/html", log.Text);
        Assert.Contains("<!DOCTYPE html>", log.Text);
    }

    [Fact]
    public async Task Truncated_JSON_is_one_rejected_fetch_and_the_loop_goes_on()
    {
        // The recording cut in half, as a dropped connection would leave it.
        var full = ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets);
        _server.RespondJson(full[..(full.Length / 2)]);
        await using var host = Host();
        var state = host.State("coingecko");
        await host.UntilAsync(() => state.Fetches == 1, "the truncated fetch");
        Assert.Equal("invalid-json", state.LastError);

        _server.Respond(c => ServeMarketsAsync(c, full));
        host.Time.Advance(s_interval);
        await host.UntilAsync(() => state.Fetches == 2, "the next fetch");

        Assert.Null(state.LastError);
        Assert.Equal(50, state.Published);
    }

    [Fact]
    public async Task Bad_items_are_rejected_one_by_one_and_the_rest_published()
    {
        // Derived in code from the recording: a string price, a missing symbol, a negative price.
        var payload = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets))!.AsArray();
        payload[1]!["current_price"] = "1266.66";
        payload[2]!.AsObject().Remove("symbol");
        payload[3]!["current_price"] = -1;
        _server.Respond(c => ServeMarketsAsync(c, payload.ToJsonString()));
        await using var host = Host();
        var state = host.State("coingecko");

        await host.UntilAsync(() => state.Fetches == 1, "the fetch");

        Assert.Equal(47, state.Published);
        Assert.Equal(3, state.Rejected);
        var reasons = host.Logs.Entries.Where(e => e.EventId.Name == "Rejected").Select(e => e.Text).ToList();
        Assert.Contains(reasons, r => r.Contains("wrong type"));
        Assert.Contains(reasons, r => r.Contains("missing symbol"));
        Assert.Contains(reasons, r => r.Contains("price must be a positive finite number"));
    }

    [Fact]
    public async Task Unchanged_quotes_are_not_republished()
    {
        var payload = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets))!.AsArray();
        _server.Respond(c => ServeMarketsAsync(c, payload.ToJsonString()));
        await using var host = Host();
        var state = host.State("coingecko");
        await host.UntilAsync(() => state.Fetches == 1, "the first fetch");

        // Same payload again: nothing new.
        host.Time.Advance(s_interval);
        await host.UntilAsync(() => state.Fetches == 2, "the second fetch");
        Assert.Equal(50, state.Published);
        Assert.Equal(50, state.Unchanged);

        // Bitcoin updated (its last_updated moved, in code): only Bitcoin goes out.
        payload[0]!["last_updated"] = "2023-01-08T16:50:40.000Z";
        payload[0]!["current_price"] = 16960.01;
        host.Time.Advance(s_interval);
        await host.UntilAsync(() => state.Fetches == 3, "the third fetch");
        Assert.Equal(51, state.Published);

        var records = await host.ConsumeAsync(kafka, r => r.Count >= 51);
        Assert.Equal(2, records.Count(r => r.Symbol == "BTC"));
        Assert.Equal(1, records.Count(r => r.Symbol == "ETH"));
    }

    [Fact]
    public async Task A_provider_that_never_answers_times_out_and_after_three_such_cycles_is_degraded_while_the_service_stays_healthy()
    {
        // The server holds every request open until the client gives up.
        _server.Respond(async c => await Task.Delay(Timeout.Infinite, c.RequestAborted));
        await using var host = Host();
        var state = host.State("coingecko");

        // Attempts time out after 10 s and the whole call after 30 s, on the fake clock.
        await host.UntilAsync(() => state.Fetches == 1, "the first timed-out call", step: TimeSpan.FromSeconds(1));
        Assert.Equal("timeout", state.LastError);
        Assert.Equal("failing", state.Status);
        await host.UntilAsync(() => state.Fetches == 3, "two more timed-out calls", step: TimeSpan.FromSeconds(1));

        Assert.Equal("degraded", state.Status);
        // One warning for the run of failures; the repeats go to Debug, so an offline Scraper does not fill its log.
        Assert.Single(host.Logs.Entries, e => e.EventId.Name == "FetchRejected");
        Assert.Equal(2, host.Logs.Entries.Count(e => e.EventId.Name == "FetchStillFailing"));
        var health = await host.SourcesHealthAsync();
        Assert.StartsWith("degraded: failed ×3, last timeout", (string)health.Data["coingecko"], StringComparison.Ordinal);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, health.Status);
    }

    private ScraperHost Host(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scraper:CoinGecko:Enabled"] = "true",
            ["Scraper:CoinGecko:BaseUrl"] = _server.BaseUrl.ToString(),
            ["Scraper:CoinGecko:Interval"] = s_interval.ToString(),
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var host = new ScraperHost(kafka, settings);
        _ = host.Services; // start it
        return host;
    }

    /// <summary>Serves the first <c>per_page</c> coins, as CoinGecko does.</summary>
    private static Task ServeMarketsAsync(HttpContext context, string fullPayload)
    {
        var perPage = int.Parse(context.Request.Query["per_page"].ToString(), CultureInfo.InvariantCulture);
        var page = JsonNode.Parse(fullPayload)!.AsArray().Take(perPage).Select(n => n?.DeepClone());
        return FakeProviderServer.WriteAsync(context, 200, "application/json", new JsonArray([.. page]).ToJsonString());
    }
}
