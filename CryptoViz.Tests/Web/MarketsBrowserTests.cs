using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>
/// The Web app in Debian's Chromium, fed by an in-test SSE server in Stream's role. Screenshots go to
/// <c>screenshots/</c> under the test output directory.
/// </summary>
public sealed class MarketsBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = BrowserHarness.Timeout;

    private BrowserHarness _harness = null!;

    private FakeStreamServer Stream => _harness.Stream;

    // Without Ingest: these pages must work from the stream alone.
    public async ValueTask InitializeAsync() => _harness = await BrowserHarness.StartAsync(withIngest: false);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Markets_fill_update_live_keep_the_theme_and_show_a_lost_stream()
    {
        await Stream.NextConnectionAsync(s_timeout);
        PublishMarket();
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors, height: 900);

        // The table fills.
        await page.GotoAsync(_harness.BaseUrl);
        var prices = page.Locator("[data-testid=price]");
        await Expect(prices).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");

        // A price cell changes while the page is open: once the circuit is up, only a live push can do that.
        var btc = page.Locator("[data-testid=price][data-symbol=BTC][data-source=coinmarketcap]");
        await Expect(btc).ToHaveTextAsync("$111,842.37");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        Stream.Publish(Quotes.Price("BTC", 111700.25, marketCap: 2.2e12, name: "Bitcoin"));
        await Expect(btc).ToHaveTextAsync("$111,700.25");
        await BrowserHarness.ScreenshotAsync(page, "markets-light.png");

        // Sorting by price puts the cheapest coin first.
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Price" }).ClickAsync();
        await Expect(prices.First).ToHaveAttributeAsync("data-symbol", "DOGE");

        // The theme switch goes dark and stays dark after a reload.
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        await Expect(prices).ToHaveCountAsync(12);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        // fluent-switch takes its role through ElementInternals, which Playwright's ToBeChecked doesn't read.
        await Expect(page.GetByTestId("theme-switch")).ToHaveJSPropertyAsync("checked", true);
        await BrowserHarness.ScreenshotAsync(page, "markets-dark.png");

        // On a phone the table scrolls sideways inside its card; the page itself stays put. Its first screen shows every
        // name whole, with the symbol under it, and the price.
        var phone = await _harness.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        await phone.GotoAsync(_harness.BaseUrl);
        await Expect(phone.Locator("[data-testid=price]")).ToHaveCountAsync(12);
        await phone.WaitForFunctionAsync("""
            () => {
              const names = [...document.querySelectorAll('.coin-name')];
              const whole = names.length === 12 && names.every(n => n.getBoundingClientRect().right <= n.closest('td').getBoundingClientRect().right);
              const price = document.querySelector('[data-testid=price]').getBoundingClientRect();
              return whole && price.width > 0 && price.right <= window.innerWidth;
            }
            """, null, new() { Timeout = (float)BrowserHarness.Timeout.TotalMilliseconds });
        await BrowserHarness.ScreenshotAsync(phone, "markets-phone.png");
        Assert.Empty(errors);

        // Stream goes down: the header says so.
        await Stream.DisposeAsync();
        await Expect(page.GetByTestId("connection")).ToHaveTextAsync("Reconnecting");
        await BrowserHarness.ScreenshotAsync(page, "markets-reconnecting.png");
    }

    [Fact]
    public async Task Coin_page_draws_a_candlestick_chart_in_both_themes()
    {
        await Stream.NextConnectionAsync(s_timeout);
        // Two hours of CoinGecko ticks before the current quotes, so the chart has bars to draw.
        var start = new DateTime(2025, 9, 4, 16, 40, 0, DateTimeKind.Utc);
        for (var i = 0; i < 60; i++)
        {
            var price = 111000 + 600 * Math.Sin(i / 7.0) + 90 * ((i * 37) % 11 - 5);
            Stream.Publish(Quotes.Price("BTC", price, "coingecko", 2.226e12, 1.31, "Bitcoin") with { Timestamp = start.AddMinutes(2 * i) });
        }

        PublishMarket();
        var page = await _harness.NewPageAsync(height: 900);

        // From the markets table to the coin page.
        await page.GotoAsync(_harness.BaseUrl);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.Locator("a.coin[href='coins/BTC?source=coingecko']").ClickAsync();
        await Expect(page).ToHaveURLAsync(_harness.BaseUrl + "coins/BTC?source=coingecko");
        await Expect(page.GetByTestId("coin-price")).ToHaveTextAsync("$111,790.12");

        // The chart canvas proves the circuit is interactive and the lightweight-charts module loaded.
        await Expect(page.Locator("[data-testid=candle-chart] canvas").First).ToBeVisibleAsync();
        Stream.Publish(Quotes.Price("BTC", 111950, "coingecko", 2.226e12, 1.4, "Bitcoin") with { Timestamp = start.AddMinutes(122) });
        await Expect(page.GetByTestId("coin-price")).ToHaveTextAsync("$111,950.00");
        await Expect(page.Locator("fluent-link[href='https://www.tradingview.com/']")).ToHaveTextAsync("TradingView Lightweight Charts™");
        await BrowserHarness.ScreenshotAsync(page, "coin-light.png");

        // Switching the source shows that source's quote, never a mix.
        await page.GetByTestId("source-coinmarketcap").ClickAsync();
        await Expect(page.GetByTestId("coin-price")).ToHaveAttributeAsync("data-source", "coinmarketcap");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        await BrowserHarness.ScreenshotAsync(page, "coin-dark.png");
    }

    private void PublishMarket()
    {
        (string Symbol, string Name, double Price, double MarketCap, double? Change)[] coins =
        [
            ("BTC", "Bitcoin", 111842.37, 2.227e12, 1.38),
            ("ETH", "Ethereum", 4312.08, 5.2e11, -0.42),
            ("XRP", "XRP", 2.84, 1.69e11, 3.1),
            ("USDT", "Tether", 1.0002, 1.67e11, 0.01),
            ("BNB", "BNB", 861.24, 1.2e11, -0.71),
            ("SOL", "Solana", 208.11, 1.12e11, 5.23),
            ("USDC", "USDC", 0.9998, 7.2e10, 0),
            ("DOGE", "Dogecoin", 0.2134, 3.2e10, -2.17),
            ("TRX", "TRON", 0.3361, 3.18e10, 0.64),
            ("ADA", "Cardano", 0.8123, 2.9e10, -1.05),
        ];
        foreach (var coin in coins)
        {
            Stream.Publish(Quotes.Price(coin.Symbol, coin.Price, marketCap: coin.MarketCap, change: coin.Change, name: coin.Name));
        }

        Stream.Publish(Quotes.Price("BTC", 111790.12, "coingecko", 2.226e12, 1.31, "Bitcoin"));
        Stream.Publish(Quotes.Price("BNB", 860.97, "coingecko", 1.19e11, null, "Binance Coin"));
    }
}
