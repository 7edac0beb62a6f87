using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>The coin page's forecast overlay and the models page, in Debian's Chromium against canned Ingest answers.</summary>
public sealed class ForecastBrowserTests : IAsyncLifetime
{
    private BrowserHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Coin_page_draws_the_served_forecast_band_and_flags_a_live_anomaly()
    {
        // Whole minutes on the 5-minute grid, as Ingest's candles and forecast origins are.
        var now = DateTime.UtcNow;
        var newest = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute / 5 * 5, 0, DateTimeKind.Utc).AddMinutes(-5);
        var last = 111000 + 400 * Math.Sin(80 / 5.0);
        _harness.Ingest!
            .Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "replay", newest, 80))
            .Map("/api/coins/BTC/sources", CannedJson.Sources("BTC", newest))
            .Map("/api/coins/BTC/forecasts", CannedJson.Forecasts("BTC", "replay", newest.AddMinutes(2), last));
        var stream = _harness.Stream;
        await stream.NextConnectionAsync(BrowserHarness.Timeout);
        stream.Publish(Quotes.Price("BTC", last, "replay", marketCap: 0, name: "Bitcoin") with { Timestamp = newest.AddMinutes(2) });
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors);

        await page.GotoAsync(_harness.BaseUrl + "coins/BTC?source=replay");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        var chart = page.GetByTestId("candle-chart");
        await Expect(chart.Locator("canvas").First).ToBeVisibleAsync();

        // Ingest's answer: a row per horizon, naive named as such, and a line on the chart out to the 4 h target.
        var table = page.GetByTestId("forecast-table");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(table.Locator("tr[data-horizon='60'] [data-testid=forecast-model]")).ToHaveTextAsync("boosted_trees");
        await Expect(table.Locator("tr[data-horizon='240'] [data-testid=forecast-model]")).ToContainTextAsync("naive (no model beat “no change”)");
        await Expect(table.Locator("tr[data-horizon='60'] .skill.better")).ToHaveTextAsync("0.940");
        // 5-minute bars from the origin's bar to the one holding origin + 4 h: 50 points.
        await Expect(chart).ToHaveAttributeAsync("data-forecast-points", "50");
        await Expect(chart).ToHaveAttributeAsync("data-markers", "0");
        await Expect(page.GetByTestId("anomalies-empty")).ToBeVisibleAsync();
        // A volume column under every candle, and the legend tells the last one's volume.
        await Expect(chart).ToHaveAttributeAsync("data-volume-bars", "80");
        var legend = page.GetByTestId("chart-legend");
        await Expect(legend).ToContainTextAsync($"V {CannedJson.CandleVolume(79):0.##}");

        // A live tick of the last candle's bucket adds its volume to that candle.
        stream.Publish(Quotes.Price("BTC", last + 20, "replay", marketCap: 0, name: "Bitcoin") with { Timestamp = newest.AddMinutes(3), Volume = 1.25 });
        await Expect(legend).ToContainTextAsync($"V {CannedJson.CandleVolume(79) + 1.25:0.##}");
        await Expect(chart).ToHaveAttributeAsync("data-volume-bars", "80");

        // Live: an anomaly on a drawn bar, and a newer 60-minute forecast, both from the one SSE connection.
        stream.Publish(Predictions.Anomaly("BTC", "replay", newest.AddMinutes(-20).AddSeconds(12), 111480.5, "return 8.3 robust sd from the median"));
        stream.Publish(Predictions.Forecast("BTC", "replay", 60, newest.AddMinutes(3), last, 111333, 150, "boosted_trees", 0.93, 0.9));
        await Expect(chart).ToHaveAttributeAsync("data-markers", "1");
        await Expect(page.GetByTestId("anomaly")).ToContainTextAsync("return 8.3 robust sd from the median");
        await Expect(table.Locator("tr[data-horizon='60']")).ToContainTextAsync("$111,333.00");
        await BrowserHarness.ScreenshotAsync(page, "coin-forecast-light.png", fullPage: true);

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        await BrowserHarness.ScreenshotAsync(page, "coin-forecast-dark.png", fullPage: true);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Coin_page_says_when_no_forecast_exists_yet()
    {
        await _harness.Stream.NextConnectionAsync(BrowserHarness.Timeout);
        _harness.Stream.Publish(Quotes.Price("DOGE", 0.2134, "simulated", name: "Dogecoin") with { Timestamp = DateTime.UtcNow });
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors);

        await page.GotoAsync(_harness.BaseUrl + "coins/DOGE?source=simulated");

        await Expect(page.GetByTestId("forecast-empty")).ToContainTextAsync("No forecast of this coin and source yet");
        await Expect(page.GetByTestId("candle-chart")).ToHaveAttributeAsync("data-forecast-points", "0");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Models_page_ranks_models_against_naive_filters_in_the_url_and_says_when_naive_is_served()
    {
        _harness.Ingest!.Map("/api/models", "[]");
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors);

        // Before the first forecast run.
        await page.GotoAsync(_harness.BaseUrl);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Models" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(_harness.BaseUrl + "models");
        await Expect(page.GetByTestId("models-empty")).ToBeVisibleAsync();

        _harness.Ingest!.Map("/api/models", CannedJson.Models);
        await page.GetByTestId("models-refresh").ClickAsync();
        var groups = page.GetByTestId("leaderboard-group");
        await Expect(groups).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("model-wins")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("naive-served")).ToHaveTextAsync("1");

        // Best first, coloured against naive; the served model is marked, and a served naive says why.
        var btc15 = page.Locator("[data-testid=leaderboard-group][data-series='replay/BTC'][data-horizon='15']");
        await Expect(btc15.Locator("tr").First).ToHaveAttributeAsync("data-model", "ewma_drift");
        await Expect(btc15.Locator("tr[data-model=ewma_drift] [data-testid=mase]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("better"));
        await Expect(btc15.Locator("tr[data-model=momentum] [data-testid=mase]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("worse"));
        await Expect(btc15.Locator("tr[data-model=naive] [data-testid=mase]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("baseline"));
        await Expect(btc15.Locator("tr[data-model=ewma_drift] [data-testid=served]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*served\s"));
        await Expect(btc15.Locator("tr[data-model=ewma_drift] [data-testid=selection]")).ToHaveTextAsync("out of sample: MASE 0.990, 90% 88.0%");
        var eth = page.Locator("[data-testid=leaderboard-group][data-series='simulated/ETH']");
        await Expect(eth).ToHaveAttributeAsync("data-naive-served", "true");
        await Expect(eth.Locator("tr[data-model=naive] [data-testid=served]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*served: no model beat naive\s"));
        await Expect(eth.Locator("tr[data-model=naive] [data-testid=selection]")).ToHaveTextAsync("out of sample: MASE 1.000, 90% 90.0%");
        await BrowserHarness.ScreenshotAsync(page, "models-light.png", fullPage: true);

        // Filters narrow the board and land in the URL, so the view can be bookmarked and reloaded.
        await page.GetByTestId("filter-coin-BTC").ClickAsync();
        await Expect(groups).ToHaveCountAsync(2);
        await page.GetByTestId("filter-horizon-60").ClickAsync();
        await Expect(page).ToHaveURLAsync(_harness.BaseUrl + "models?coin=BTC&horizon=60");
        await Expect(groups).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await Expect(groups).ToHaveCountAsync(1);
        // A click before the circuit is up would land on the prerendered page.
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(groups.First).ToHaveAttributeAsync("data-horizon", "60");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-theme", "dark");
        await page.GetByTestId("filter-horizon-all").ClickAsync();
        await Expect(groups).ToHaveCountAsync(2);
        await BrowserHarness.ScreenshotAsync(page, "models-dark.png", fullPage: true);
        Assert.Empty(errors);
    }
}
