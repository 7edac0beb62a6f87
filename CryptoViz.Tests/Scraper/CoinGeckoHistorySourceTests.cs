using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Sources.CoinGecko;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// CoinGecko's market-chart history against a local server that serves a recorded chart by range and the recorded listing.
/// The clock stands at 2024-12-03 21:00 UTC, just after the chart's last point, when it was recorded.
/// </summary>
public sealed class CoinGeckoHistorySourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new(2024, 12, 3, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTime s_december = new(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly HistorySeries s_btc = new("BTC", "Bitcoin");

    private FakeProviderServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeProviderServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Chart_points_become_one_minute_candles_each_with_its_share_of_the_24_h_volume()
    {
        // Arrange
        using var host = Host();
        var api = Serve(host);
        await ListAsync(host);

        // Act: 1 December, a day before the last: one call.
        var pages = await host.CollectAsync(host.CoinGecko.FetchAsync(s_btc, s_december, s_december.AddDays(1), TestContext.Current.CancellationToken));

        // Assert
        var call = Assert.Single(api.ChartCalls);
        Assert.Equal("/api/v3/coins/bitcoin/market_chart/range", call.Path);
        Assert.Equal(("usd", "1733011200", "1733097600"), (call.Query["vs_currency"], call.Query["from"], call.Query["to"]));
        HistoryAssert.Tiles(pages, s_december, s_december.AddDays(1));
        var candles = Assert.Single(pages).Candles;
        Assert.Equal(24, candles.Count);
        Assert.All(candles, c => Assert.True(c.Open == c.High && c.High == c.Low && c.Low == c.Close, $"{c.Time:O}: not one price"));

        // The day's first point, 00:03:26.710: its price, and the 24 h volume it reports (44,074,605,764.2 USD) times the
        // 3,917,050 ms to the next point (01:08:43.760; the answer has none before it) over a day; the base volume is
        // that over the price.
        var first = candles[0];
        Assert.Equal(s_december.AddMinutes(3), first.Time);
        Assert.Equal(96449.75251537087, first.Close);
        Assert.Equal(1998176325.3317282, first.QuoteVolume!.Value, 1e-3);
        Assert.Equal(20717.277890508693, first.Volume!.Value, 1e-8);

        // The next one stands for the 3,917,050 ms since the first: 36,663,773,736.8 USD a day.
        Assert.Equal(1662197163.3777456, candles[1].QuoteVolume!.Value, 1e-3);
    }

    [Fact]
    public async Task The_last_day_is_asked_for_on_its_own_and_the_calls_are_spaced_by_the_history_interval()
    {
        // Arrange
        using var host = Host();
        var api = Serve(host);
        await ListAsync(host);
        var to = s_now.UtcDateTime;

        // Act: from 1 December to now; the clock moves only while no call is under way.
        var pages = await host.CollectAsync(host.CoinGecko.FetchAsync(s_btc, s_december, to, TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));

        // Assert: everything older than a day from now in one call (hourly points), the last day in another (5-minute points).
        var calls = api.ChartCalls;
        Assert.Equal([("1733011200", "1733173200"), ("1733173200", "1733259600")], calls.Select(c => (c.Query["from"], c.Query["to"])));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(20), $"second call {calls[1].At - calls[0].At} after the first");
        HistoryAssert.Tiles(pages, s_december, to);
        Assert.Equal([(s_december, to.AddDays(-1), 45), (to.AddDays(-1), to, 25)], pages.Select(p => (p.From, p.To, p.Candles.Count)));

        // The first point of a call stands for the gap to the next one (3,040,460 ms); its 24 h volume is 99,614,235,903.2 USD.
        var firstOfLastDay = pages[1].Candles[0];
        Assert.Equal(new DateTime(2024, 12, 2, 21, 18, 0, DateTimeKind.Utc), firstOfLastDay.Time);
        Assert.Equal(3505475690.904723, firstOfLastDay.QuoteVolume!.Value, 1e-3);
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_then_asked_once_more()
    {
        // Arrange: CoinGecko's recorded 429 body with the Retry-After it came with.
        using var host = Host();
        var api = Serve(host);
        await ListAsync(host);
        api.Refusals.Enqueue((429, 119, ScraperFixtures.Read(ScraperFixtures.CoinGecko429)));

        // Act
        var pages = await host.CollectAsync(
            host.CoinGecko.FetchAsync(s_btc, s_december, s_december.AddDays(1), TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));

        // Assert
        var calls = api.ChartCalls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Query, calls[1].Query);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(119), $"asked again after {calls[1].At - calls[0].At}");
        Assert.Equal(24, Assert.Single(pages).Candles.Count);
        Assert.Contains(host.Logs.Entries, e => e.EventId.Name == "HistoryRateLimited" && e.Text.Contains("00:01:59", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_coin_CoinGecko_does_not_know_is_unavailable_with_the_status_it_gave()
    {
        // Ethereum is in the listing, so it has an id; the fake knows only Bitcoin's chart and answers 404.
        using var host = Host();
        Serve(host);
        await ListAsync(host);

        var error = await Assert.ThrowsAsync<HistoryUnavailableException>(() => host.CollectAsync(
            host.CoinGecko.FetchAsync(new HistorySeries("ETH", "Ethereum"), s_december, s_december.AddDays(1), TestContext.Current.CancellationToken)));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("/coins/ethereum/market_chart/range", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task A_symbol_missing_from_the_listing_is_unavailable_without_a_call()
    {
        using var host = Host();
        var api = Serve(host);
        await ListAsync(host);

        var error = await Assert.ThrowsAsync<HistoryUnavailableException>(() => host.CollectAsync(
            host.CoinGecko.FetchAsync(new HistorySeries("NOPE", "Nope"), s_december, s_december.AddDays(1), TestContext.Current.CancellationToken)));

        Assert.Contains("NOPE", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.ChartCalls);
    }

    [Fact]
    public async Task The_demo_key_goes_in_its_header_and_is_never_logged()
    {
        const string key = "demo-key-for-history-tests";
        using var host = Host(new() { ["CoinGecko:ApiKey"] = key });
        var api = Serve(host);
        await ListAsync(host);

        await host.CollectAsync(host.CoinGecko.FetchAsync(s_btc, s_december, s_december.AddDays(1), TestContext.Current.CancellationToken));

        Assert.Equal(key, Assert.Single(api.ChartCalls).Headers[CoinGeckoSource.DemoKeyHeader]);
        Assert.Contains(host.Logs.Entries, e => e.Category.Contains(CoinGeckoHistorySource.HttpClientName, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.Text.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Series_are_the_live_listing_s_coins_while_CoinGecko_delivers_and_none_once_it_is_overdue()
    {
        using var host = Host();
        Serve(host);
        var source = host.CoinGecko;
        Assert.Equal("coingecko", source.Name);
        Assert.Empty(source.Series);

        // Listed, but the supervisor has not seen a valid quote yet.
        await ListAsync(host);
        Assert.Empty(source.Series);

        // Delivering: the listing's 50 coins as the live records name them, and CoinGecko's id of each.
        host.Delivered("coingecko");
        Assert.Equal(50, source.Series.Count);
        Assert.Equal([new HistorySeries("BTC", "Bitcoin"), new HistorySeries("ETH", "Ethereum")], source.Series.Take(2));
        Assert.Equal("bitcoin", host.Services.GetRequiredService<CoinGeckoCoins>().Find("BTC")?.Id);

        // Quiet past its 60 s interval and the 10 s FallbackAfter: not live any more.
        host.Time.Advance(TimeSpan.FromSeconds(71));
        Assert.Empty(source.Series);
    }

    [Fact]
    public void Series_are_empty_while_CoinGecko_is_disabled()
    {
        using var host = Host(new() { ["Scraper:CoinGecko:Enabled"] = "false" });

        Assert.Empty(host.CoinGecko.Series);
    }

    private HistoryHost Host(Dictionary<string, string?>? settings = null) => new(_server.BaseUrl, s_now, settings);

    private FakeCoinGeckoApi Serve(HistoryHost host)
    {
        var api = new FakeCoinGeckoApi(
            ScraperFixtures.Read(ScraperFixtures.CoinGeckoChart), ScraperFixtures.Read(ScraperFixtures.CoinGeckoMarkets), host.Time);
        _server.Respond(api.ServeAsync);
        return api;
    }

    /// <summary>One call of the live source, resolved as its worker resolves it: the listing it keeps gives the ids.</summary>
    private static Task ListAsync(HistoryHost host) =>
        host.Services.GetRequiredService<CoinGeckoSource>().FetchAsync(TestContext.Current.CancellationToken);
}
