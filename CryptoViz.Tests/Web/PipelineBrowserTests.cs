using CryptoViz.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>
/// The pipeline and coin pages in Debian's Chromium, with in-test servers in Stream's role (SSE, /stats,
/// /health) and Ingest's role (canned query API). Screenshots go next to the markets ones.
/// </summary>
public sealed class PipelineBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = BrowserHarness.Timeout;

    private BrowserHarness _harness = null!;

    private CannedJsonServer Ingest => _harness.Ingest!;

    public async ValueTask InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Pipeline_shows_service_health_stats_sources_and_prices_and_survives_a_service_going_down()
    {
        var now = DateTime.UtcNow;
        var cmc = now.AddMinutes(-2);
        var gecko = now.AddMinutes(-15);
        Ingest.Map("/health", "Healthy")
            .Map("/api/stats", CannedJson.Stats(cmc))
            .Map("/api/coins", CannedJson.Coins(cmc, gecko))
            .Map("/api/coins/BTC/ticks", CannedJson.Ticks("BTC", 111800, cmc, 60, "coinmarketcap", "coingecko"))
            .Map("/api/coins/ETH/ticks", CannedJson.Ticks("ETH", 4312, cmc, 60, "coinmarketcap"))
            .Map("/api/coins/BTC/sources", CannedJson.Sources("BTC", cmc));
        _harness.Stream.StatsJson = CannedJson.StreamStatsFrom("embedded");
        _harness.Scraper.Map("/api/backfill", CannedJson.Backfill("running", "backfilling 12/20 series, 3.1 days"));
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors);

        // From the nav to the page.
        await page.GotoAsync(_harness.BaseUrl);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Pipeline" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(_harness.BaseUrl + "pipeline");

        // Every service, and the numbers from Stream's /stats and Ingest's /api/stats.
        await Expect(page.Locator("[data-testid=service][data-status=healthy]")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("ticks-per-second")).ToHaveTextAsync("12.5");
        await Expect(page.GetByTestId("sse-clients")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("consumer-lag")).ToHaveTextAsync("7");
        await Expect(page.GetByTestId("stored-rows")).ToHaveTextAsync("123,456");
        await Expect(page.GetByTestId("database-size")).ToHaveTextAsync("50.0 MB");
        // The broker that runs, as Stream was told it, not V2's "backend", which says redpanda whatever runs.
        await Expect(page.GetByTestId("broker")).ToHaveTextAsync("Embedded mock cluster (AppHost) · connected");
        await Expect(page.GetByTestId("freshness")).ToHaveAttributeAsync("data-freshness", "fresh");
        // The Scraper's backfill, as its /api/backfill tells it.
        await Expect(page.GetByTestId("backfill")).ToHaveTextAsync("backfilling 12/20 series, 3.1 days");

        // Per source: CoinMarketCap stored 2 min ago, CoinGecko 15 min ago.
        var table = page.GetByTestId("sources-table");
        await Expect(table.Locator("tr[data-source=coinmarketcap] [data-testid=source-state]")).ToHaveAttributeAsync("data-state", "active");
        await Expect(table.Locator("tr[data-source=coingecko] [data-testid=source-state]")).ToHaveAttributeAsync("data-state", "slow");
        await Expect(table.Locator("tr[data-source=coinmarketcap] [data-testid=source-records]")).ToHaveTextAsync("120");
        await Expect(table.Locator("tr[data-source=coingecko] [data-testid=source-records]")).ToHaveTextAsync("60");

        // A price line per coin, and the current price per source.
        await Expect(page.Locator("[data-testid=coin-card][data-symbol=BTC] [data-testid=line-chart] canvas").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=coin-card][data-symbol=BTC] .price-cell[data-source=coingecko]")).ToHaveTextAsync("$111,790.12");
        // V2's statistics per coin, one row per source.
        var stats = page.GetByTestId("stats-table");
        await Expect(stats.Locator("tr[data-symbol=BTC][data-source=coinmarketcap] [data-testid=stats-count]")).ToHaveTextAsync("60");
        await Expect(stats.Locator("tr[data-symbol=ETH][data-source=coinmarketcap] [data-testid=stats-count]")).ToHaveTextAsync("60");
        await BrowserHarness.ScreenshotAsync(page, "pipeline-light.png", fullPage: true);

        // A source filter hides that source.
        await page.GetByTestId("filter-source-coingecko").ClickAsync();
        await Expect(table.Locator("tr[data-source=coingecko]")).ToHaveCountAsync(0);
        await Expect(stats.Locator("tr[data-source=coingecko]")).ToHaveCountAsync(0);

        // A free date range (UTC): checked before asking, then the stored prices of exactly that range.
        await page.GetByTestId("range-from").FillAsync("2025-09-03T12:00");
        await page.GetByTestId("range-to").FillAsync("2025-09-01T00:00");
        await page.GetByTestId("range-apply").ClickAsync();
        await Expect(page.GetByTestId("range-error")).ToHaveTextAsync("The start must be before the end.");
        await page.GetByTestId("range-from").FillAsync("2025-09-01T00:00");
        await page.GetByTestId("range-to").FillAsync("2025-09-03T12:00");
        await page.GetByTestId("range-apply").ClickAsync();
        await Expect(page.GetByText("Stored prices of the selected coins and sources from 2025-09-01 00:00:00 UTC to 2025-09-03 12:00:00 UTC")).ToBeVisibleAsync();
        await RequestedAsync(r => r.StartsWith("/api/coins/BTC/ticks?from=2025-09-01T00%3A00%3A00Z&to=2025-09-03T12%3A00%3A00Z&", StringComparison.Ordinal), "the ticks of the range");
        await Expect(page.GetByTestId("range-error")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=coin-card][data-symbol=BTC] .price-cell[data-source=coingecko]")).ToHaveCountAsync(0);

        // Stream turns unhealthy (500 with its report), then Ingest goes away: shown, never a crash.
        _harness.Stream.HealthJson = CannedJson.StreamUnhealthy;
        _harness.Stream.HealthStatusCode = 500;
        await Expect(page.Locator("[data-testid=service][data-service=Stream]")).ToHaveAttributeAsync("data-status", "unhealthy", new() { Timeout = 20_000 });
        await Ingest.DisposeAsync();
        await Expect(page.Locator("[data-testid=service][data-service=Ingest]")).ToHaveAttributeAsync("data-status", "unreachable", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("stored-rows")).ToHaveTextAsync("—");
        await _harness.Scraper.DisposeAsync();
        await Expect(page.GetByTestId("backfill")).ToHaveTextAsync("Scraper unreachable", new() { Timeout = 20_000 });
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await BrowserHarness.ScreenshotAsync(page, "pipeline-degraded.png");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Coin_page_loads_stored_candles_per_interval_and_compares_sources()
    {
        var newest = DateTime.UtcNow.AddMinutes(-5);
        Ingest.Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "coinmarketcap", newest, 80))
            .Map("/api/coins/BTC/sources", CannedJson.Sources("BTC", newest));
        await _harness.Stream.NextConnectionAsync(s_timeout);
        _harness.Stream.Publish(Quotes.Price("BTC", 111842.37, marketCap: 2.227e12, name: "Bitcoin") with { Timestamp = DateTime.UtcNow });
        var page = await _harness.NewPageAsync();

        await page.GotoAsync(_harness.BaseUrl + "coins/BTC?source=coinmarketcap");
        await Expect(page.GetByTestId("coin-price")).ToHaveTextAsync("$111,842.37");
        await Expect(page.Locator("[data-testid=candle-chart] canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("history-note")).ToContainTextAsync("80 stored candles");
        await Expect(page.GetByTestId("comparison").Locator("tr[data-source=coingecko]")).ToContainTextAsync("$111,790.12");
        await Expect(page.GetByTestId("spread")).ToContainTextAsync("$52.25");

        await page.GetByTestId("interval-1h").ClickAsync();
        await Expect(page.Locator("fluent-button[data-testid=interval-1h][appearance=primary]")).ToBeAttachedAsync();
        await RequestedAsync(r => r.StartsWith("/api/coins/BTC/candles?interval=1h&", StringComparison.Ordinal) && r.EndsWith("&source=coinmarketcap", StringComparison.Ordinal), "the 1h candles");

        // A live tick moves the last bar without a reload.
        _harness.Stream.Publish(Quotes.Price("BTC", 112000, marketCap: 2.227e12, name: "Bitcoin") with { Timestamp = DateTime.UtcNow });
        await Expect(page.GetByTestId("coin-price")).ToHaveTextAsync("$112,000.00");
        await BrowserHarness.ScreenshotAsync(page, "coin-history-light.png", fullPage: true);
    }

    /// <summary>The page updates before its request to Ingest goes out: wait for the request, do not race it.</summary>
    private Task RequestedAsync(Func<string, bool> match, string what) =>
        Eventually.GetAsync(() => Task.FromResult<bool?>(Ingest.Requests.Any(match)), seen => seen == true, TimeSpan.FromSeconds(15), what);
}
