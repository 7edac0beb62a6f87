using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using CryptoViz.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.EndToEnd;

/// <summary>The whole pipeline as a user sees it: the Web page of the running app model in Debian's Chromium.</summary>
[Collection(AppHostCollection.Name)]
public sealed class WebPageTests(AppHostFixture fixture)
{
    private static readonly string s_screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task Offline_the_markets_page_shows_replayed_history_and_simulated_coins_whose_prices_change()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });

        await page.GotoAsync(fixture.App.GetEndpoint("web").ToString());

        // No network here: the Scraper replays its bundled real history for five coins and simulates the rest.
        await Expect(page.Locator("[data-testid=price][data-source=simulated][data-symbol=SUI]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=price][data-source=replay][data-symbol=SOL]")).ToBeVisibleAsync();
        Assert.True(await page.Locator("[data-testid=price]").CountAsync() >= 20, "twenty coins on the page");
        await Expect(page.Locator("[data-testid=price][data-source=simulated][data-symbol=BTC]")).ToHaveCountAsync(0);
        // A simulated coin reports its own 24 h change: the page shows it while less than a day is stored, and says so.
        await Expect(page.Locator("[data-testid=change-24h][data-source=simulated][data-symbol=SUI]"))
            .ToHaveAttributeAsync("data-basis", new Regex("^(history|provider)$"));
        var btc = page.Locator("[data-testid=price][data-source=replay][data-symbol=BTC]");
        var first = await btc.InnerTextAsync();
        await Expect(btc).Not.ToHaveTextAsync(first);
        Directory.CreateDirectory(s_screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_screenshots, "e2e-markets.png") });
    }

    [Fact]
    public async Task A_coin_page_draws_the_candles_Ingest_stored_from_the_replay()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });

        await page.GotoAsync(new Uri(fixture.App.GetEndpoint("web"), "/coins/BTC?source=replay").ToString());

        await Expect(page.GetByTestId("history-note")).ToContainTextAsync(new Regex(@"\d+ stored candles? from Ingest"));
        await Expect(page.Locator("[data-testid=candle-chart] canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("candle-chart")).ToHaveAttributeAsync("data-candles-in-view", new Regex("^[1-9][0-9]*$"));
        Directory.CreateDirectory(s_screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_screenshots, "e2e-coin.png"), FullPage = true });
    }

    [Fact]
    public async Task The_pipeline_page_shows_every_service_healthy_and_the_stored_data()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1100 } });

        await page.GotoAsync(new Uri(fixture.App.GetEndpoint("web"), "/pipeline").ToString());

        var services = page.GetByTestId("service");
        await Expect(services.First).ToBeVisibleAsync();
        foreach (var service in await services.AllAsync())
        {
            await Expect(service).ToHaveAttributeAsync("data-status", "healthy");
        }

        await Expect(page.GetByTestId("freshness")).ToHaveAttributeAsync("data-freshness", "fresh");
        await Expect(page.GetByTestId("source-state").First).ToHaveAttributeAsync("data-state", "active");
        await Expect(page.GetByTestId("stored-rows")).Not.ToHaveTextAsync("—");
        await Expect(page.GetByTestId("broker")).ToHaveTextAsync("Embedded mock cluster (AppHost) · connected");
        Directory.CreateDirectory(s_screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(s_screenshots, "e2e-pipeline.png"), FullPage = true });
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        SetDefaultExpectTimeout(30_000);
        return DebianChromium.LaunchAsync(playwright);
    }
}
