using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>The simulated market stands in for the real providers only while none of them delivers.</summary>
public sealed class FallbackTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task An_unreachable_provider_falls_back_to_simulated_within_FallbackAfter_and_says_so_once()
    {
        // Arrange: CoinGecko on a port nothing listens on.
        await using var host = Host(FakeProviderServer.ClosedPort());
        Assert.False(host.Supervisor.ShouldSimulate());

        // Act: let fake time run in one-second steps until the fallback.
        await host.UntilAsync(() => host.Supervisor.FallbackActive, "the fallback", step: s_second);
        var fellBackAfter = host.Time.GetUtcNow() - ScraperHost.Start;
        var records = await host.ConsumeAsync(kafka, r => r.Select(p => p.Symbol).Distinct().Count() >= 10, () => host.Time.Advance(s_second));

        // Assert
        Assert.InRange(fellBackAfter, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15));
        Assert.All(records, r => Assert.Equal("simulated", r.Source));
        Assert.Equal("fallback: simulated", (await host.SourcesHealthAsync()).Description);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await host.SourcesHealthAsync()).Status);
        Assert.Single(host.Logs.Entries, e => e.EventId.Name == "FallbackOn");

        // The provider's call gives up only after the standard handler's retries (2, 4, 8 s + jitter): the fallback
        // does not wait for that, it is decided on time alone.
        await host.UntilAsync(() => host.State("coingecko").Fetches == 1, "the failed call", step: s_second);
        Assert.Equal("unreachable", host.State("coingecko").LastError);
        Assert.Single(host.Logs.Entries, e => e.EventId.Name == "FallbackOn");
    }

    [Fact]
    public async Task A_provider_that_answers_keeps_the_simulated_market_quiet_until_it_stops()
    {
        // Arrange
        await using var server = await FakeProviderServer.StartAsync();
        server.RespondJson(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets));
        await using var host = Host(server.BaseUrl);
        var state = host.State("coingecko");
        await host.UntilAsync(() => state.Fetches == 1, "the first fetch");

        // Act + Assert: well past FallbackAfter (10 s) but within the 60 s interval, no fallback ...
        for (var i = 0; i < 30; i++) host.Time.Advance(s_second);
        Assert.False(host.Supervisor.ShouldSimulate());
        Assert.Equal("real providers: coingecko", (await host.SourcesHealthAsync()).Description);

        // ... the provider fails from its next call on: the fallback comes FallbackAfter past the missed interval.
        server.RespondJson("{}", 500);
        await host.UntilAsync(() => host.Supervisor.FallbackActive, "the fallback", step: s_second);
        Assert.InRange(host.Time.GetUtcNow() - ScraperHost.Start, TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(75));
        // The standard handler retries a 500 three times (2, 4, 8 s + jitter) before the call fails; the fallback
        // did not wait for that.
        await host.UntilAsync(() => state.LastError is not null, "the failed call", step: s_second);
        Assert.Equal("http-500", state.LastError);
        Assert.Equal(1 + 4, server.Requests.Count);

        // ... and when it answers again the simulated market stops.
        server.RespondJson(ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets));
        await host.UntilAsync(() => state.LastError is null, "the provider's recovery", step: s_second);
        Assert.False(host.Supervisor.ShouldSimulate());
        Assert.False(host.Supervisor.FallbackActive);
        Assert.Single(host.Logs.Entries, e => e.EventId.Name == "FallbackOff");
        Assert.Single(host.Logs.Entries, e => e.EventId.Name == "SourceRecovered");
    }

    [Fact]
    public async Task Forced_off_the_simulated_market_never_publishes()
    {
        await using var host = Host(FakeProviderServer.ClosedPort(), simulated: "false");

        for (var i = 0; i < 30; i++) host.Time.Advance(s_second);

        Assert.False(host.Supervisor.ShouldSimulate());
        Assert.False(host.Supervisor.FallbackActive);
    }

    private ScraperHost Host(Uri coinGecko, string simulated = "auto")
    {
        var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:CoinGecko:Enabled"] = "true",
            ["Scraper:CoinGecko:BaseUrl"] = coinGecko.ToString(),
            ["Scraper:CoinGecko:Interval"] = "00:01:00",
            ["Scraper:FallbackAfter"] = "00:00:10",
            ["Scraper:Simulated:Enabled"] = simulated,
            ["Scraper:Simulated:Interval"] = "00:00:01",
        });
        _ = host.Services;
        return host;
    }
}
