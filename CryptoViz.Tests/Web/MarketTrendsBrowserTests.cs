using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>The markets table's 1 h and 24 h changes, 24 h sparklines and 24 h volumes from a canned Ingest history, in Debian's Chromium.</summary>
public sealed class MarketTrendsBrowserTests : IAsyncLifetime
{
    private BrowserHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Markets_measure_changes_against_the_stored_history_and_draw_its_sparklines_from_one_request()
    {
        _harness.Ingest!.Map("/api/coins/history", CannedJson.History(DateTime.UtcNow));
        var stream = _harness.Stream;
        await stream.NextConnectionAsync(BrowserHarness.Timeout);
        stream.Publish(Quotes.Price("BTC", 111842.37, marketCap: 2.227e12, name: "Bitcoin"));
        stream.Publish(Quotes.Price("ETH", 4312.08, marketCap: 5.2e11, name: "Ethereum"));
        stream.Publish(Quotes.Price("BTC", 111790.12, "coingecko", 2.226e12, 1.31, "Bitcoin"));
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors, height: 700);

        await page.GotoAsync(_harness.BaseUrl);

        // BTC on CoinMarketCap: a whole day stored, so both changes are the live price against its stored closes.
        var cmc = "[data-symbol=BTC][data-source=coinmarketcap]";
        await Expect(page.Locator($"[data-testid=change-1h]{cmc}")).ToHaveTextAsync("+0.76%");
        await Expect(page.Locator($"[data-testid=change-1h]{cmc}")).ToHaveAttributeAsync("title", "Live price against the close stored 1 h ago, $111,000.00");
        await Expect(page.Locator($"[data-testid=change-24h]{cmc}")).ToHaveTextAsync("+1.67%");
        await Expect(page.Locator($"[data-testid=change-24h]{cmc}")).ToHaveAttributeAsync("data-basis", "history");
        // ETH: an hour stored, not a day: its 24 h change is the source's own, and the tooltip says so.
        await Expect(page.Locator("[data-testid=change-1h][data-symbol=ETH]")).ToHaveTextAsync("-0.20%");
        await Expect(page.Locator("[data-testid=change-24h][data-symbol=ETH]")).ToHaveTextAsync("+1.50%");
        await Expect(page.Locator("[data-testid=change-24h][data-symbol=ETH]")).ToHaveAttributeAsync("data-basis", "provider");
        await Expect(page.Locator("[data-testid=change-24h][data-symbol=ETH]")).ToHaveAttributeAsync("title",
            "CoinMarketCap's own 24 h change: less than 24 h of history is stored");
        // BTC on CoinGecko: its last ten buckets stored, no close 1 h ago: no 1 h change, and the source's own 24 h one.
        var gecko = "[data-symbol=BTC][data-source=coingecko]";
        await Expect(page.Locator($"[data-testid=change-1h]{gecko}")).ToHaveTextAsync("n/a");
        await Expect(page.Locator($"[data-testid=change-1h]{gecko}")).ToHaveAttributeAsync("data-basis", "none");
        await Expect(page.Locator($"[data-testid=change-24h]{gecko}")).ToHaveTextAsync("+1.31%");

        // A line wherever two buckets hold a close; none for ETH. CoinGecko's short history is drawn at the right.
        await Expect(page.GetByTestId("sparkline")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=sparkline][data-symbol=ETH]")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-testid=sparkline]{cmc} polyline")).ToBeVisibleAsync();
        Assert.StartsWith("0,", await page.Locator($"[data-testid=sparkline]{cmc} polyline").GetAttributeAsync("points"));
        Assert.StartsWith("90.6,", await page.Locator($"[data-testid=sparkline]{gecko} polyline").GetAttributeAsync("points"));
        // The 24 h volume Ingest stored, until a live quote brings its own; none reported for ETH.
        await Expect(page.Locator($"[data-testid=volume-24h]{cmc}")).ToHaveTextAsync("$34.88B");
        await Expect(page.Locator("[data-testid=volume-24h][data-symbol=ETH]")).ToHaveTextAsync("n/a");
        await BrowserHarness.ScreenshotAsync(page, "markets-trends-light.png");

        // A second page and live ticks reuse the cached history: Ingest was asked once, and only for the batch.
        Assert.Equal(["/api/coins/history?hours=24&step=15m"], IngestApiRequests());
        var second = await _harness.NewPageAsync(errors, height: 700);
        await second.GotoAsync(_harness.BaseUrl);
        stream.Publish(Quotes.Price("BTC", 111900, marketCap: 2.227e12, name: "Bitcoin") with { Volume24h = 3.5e10 });
        await Expect(second.Locator($"[data-testid=price]{cmc}")).ToHaveTextAsync("$111,900.00");
        await Expect(second.Locator($"[data-testid=volume-24h]{cmc}")).ToHaveTextAsync("$35.00B");
        // The live price moves the change against the same stored close.
        await Expect(second.Locator($"[data-testid=change-1h]{cmc}")).ToHaveTextAsync("+0.81%");
        await Expect(second.GetByTestId("sparkline")).ToHaveCountAsync(2);
        Assert.Single(IngestApiRequests());

        await second.GetByTestId("theme-switch").ClickAsync();
        await Expect(second.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        await BrowserHarness.ScreenshotAsync(second, "markets-trends-dark.png");

        // On a phone, with the sparklines in, every name is still whole.
        var phone = await _harness.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await phone.GotoAsync(_harness.BaseUrl);
        await Expect(phone.GetByTestId("sparkline")).ToHaveCountAsync(2);
        await phone.WaitForFunctionAsync("""
            () => {
              const names = [...document.querySelectorAll('.coin-name')];
              return names.length === 3 && names.every(n => n.getBoundingClientRect().right <= n.closest('td').getBoundingClientRect().right);
            }
            """, null, new() { Timeout = (float)BrowserHarness.Timeout.TotalMilliseconds });
        await BrowserHarness.ScreenshotAsync(phone, "markets-trends-phone.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_coin_page_measures_its_24h_change_against_the_stored_history_as_the_table_does()
    {
        _harness.Ingest!.Map("/api/coins/history", CannedJson.History(DateTime.UtcNow));
        var stream = _harness.Stream;
        await stream.NextConnectionAsync(BrowserHarness.Timeout);
        // The source gives no 24 h change of its own (as the replay and simulated sources): only the history can.
        stream.Publish(Quotes.Price("BTC", 111842.37, marketCap: 2.227e12, change: null, name: "Bitcoin"));
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors, height: 700);

        await page.GotoAsync(_harness.BaseUrl + "coins/BTC?source=coinmarketcap");

        var change = page.GetByTestId("coin-change-24h");
        await Expect(change).ToHaveTextAsync("+1.67% 24h");
        await Expect(change).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("close stored 24 h ago"));
        Assert.Empty(errors);
    }

    private IEnumerable<string> IngestApiRequests() => _harness.Ingest!.Requests.Where(r => r.StartsWith("/api/", StringComparison.Ordinal));
}
