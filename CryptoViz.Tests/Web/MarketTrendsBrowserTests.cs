using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>The markets table's 1 h change, 24 h sparklines and 24 h volumes from a canned Ingest, in Debian's Chromium.</summary>
public sealed class MarketTrendsBrowserTests : IAsyncLifetime
{
    private BrowserHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Markets_show_the_1h_change_and_a_24h_sparkline_per_quote_from_one_cached_fetch()
    {
        var now = DateTime.UtcNow;
        _harness.Ingest!
            .Map("/api/coins", CannedJson.Coins(now.AddMinutes(-1), now.AddMinutes(-3)))
            .Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "coinmarketcap", now, 24));
        var stream = _harness.Stream;
        await stream.NextConnectionAsync(BrowserHarness.Timeout);
        stream.Publish(Quotes.Price("BTC", 111842.37, marketCap: 2.227e12, name: "Bitcoin"));
        stream.Publish(Quotes.Price("ETH", 4312.08, marketCap: 5.2e11, name: "Ethereum"));
        stream.Publish(Quotes.Price("BTC", 111790.12, "coingecko", 2.226e12, 1.31, "Bitcoin"));
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors, height: 700);

        await page.GotoAsync(_harness.BaseUrl);

        await Expect(page.Locator("[data-testid=change-1h][data-symbol=BTC][data-source=coinmarketcap]")).ToHaveTextAsync("+0.10%");
        await Expect(page.Locator("[data-testid=change-1h][data-symbol=ETH]")).ToHaveTextAsync("-0.20%");
        await Expect(page.Locator("[data-testid=change-1h][data-symbol=BTC][data-source=coingecko]")).ToHaveTextAsync("n/a");
        // Every quote's 24 h of hourly candles was asked for; Ingest has none of ETH, so its row has no line.
        await Expect(page.GetByTestId("sparkline")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=sparkline][data-symbol=ETH]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=sparkline][data-symbol=BTC][data-source=coinmarketcap] polyline")).ToBeVisibleAsync();
        // The 24 h volume Ingest stored, until a live quote brings its own; none reported for ETH.
        await Expect(page.Locator("[data-testid=volume-24h][data-symbol=BTC][data-source=coinmarketcap]")).ToHaveTextAsync("$34.88B");
        await Expect(page.Locator("[data-testid=volume-24h][data-symbol=ETH]")).ToHaveTextAsync("n/a");
        await BrowserHarness.ScreenshotAsync(page, "markets-trends-light.png");

        // A second page and live ticks reuse the cached trends: Ingest is not asked again.
        var asked = _harness.Ingest!.Requests.Count(r => r.StartsWith("/api/coins", StringComparison.Ordinal));
        Assert.Equal(4, asked);
        var second = await _harness.NewPageAsync(errors, height: 700);
        await second.GotoAsync(_harness.BaseUrl);
        stream.Publish(Quotes.Price("BTC", 111900, marketCap: 2.227e12, name: "Bitcoin") with { Volume24h = 3.5e10 });
        await Expect(second.Locator("[data-testid=price][data-symbol=BTC][data-source=coinmarketcap]")).ToHaveTextAsync("$111,900.00");
        await Expect(second.Locator("[data-testid=volume-24h][data-symbol=BTC][data-source=coinmarketcap]")).ToHaveTextAsync("$35.00B");
        await Expect(second.GetByTestId("sparkline")).ToHaveCountAsync(2);
        Assert.Equal(asked, _harness.Ingest!.Requests.Count(r => r.StartsWith("/api/coins", StringComparison.Ordinal)));

        await second.GetByTestId("theme-switch").ClickAsync();
        await Expect(second.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        await BrowserHarness.ScreenshotAsync(second, "markets-trends-dark.png");
        Assert.Empty(errors);
    }
}
