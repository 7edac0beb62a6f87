using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoViz.Tests.Web;

/// <summary>
/// What the coin page's chart opens on, in Debian's Chromium against canned Ingest answers: a day of candles with their
/// volumes at 1m and 5m, and the 4 h forecast fan beside them, never crowding them out, on a desktop and on a phone.
/// </summary>
public sealed class CoinChartViewBrowserTests : IAsyncLifetime
{
    /// <summary>The fan's most of the width; the chart keeps it at 20 %, a bar's rounding either way aside.</summary>
    private const double MaxFanShare = 0.25;

    private BrowserHarness _harness = null!;
    private DateTime _newest;

    public async ValueTask InitializeAsync()
    {
        _harness = await BrowserHarness.StartAsync();
        // Whole minutes on the 5-minute grid, as Ingest's candles and forecast origins are.
        var now = DateTime.UtcNow;
        _newest = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute / 5 * 5, 0, DateTimeKind.Utc).AddMinutes(-5);
        var last = 111000 + 400 * Math.Sin(1440 / 5.0);
        _harness.Ingest!
            .Map("/api/coins/BTC/sources", CannedJson.Sources("BTC", _newest))
            .Map("/api/coins/BTC/forecasts", CannedJson.Forecasts("BTC", "replay", _newest, last));
        await _harness.Stream.NextConnectionAsync(BrowserHarness.Timeout);
        _harness.Stream.Publish(Quotes.Price("BTC", last, "replay", marketCap: 0, name: "Bitcoin") with { Timestamp = _newest.AddSeconds(30) });
    }

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task The_chart_opens_on_a_day_of_candles_and_volumes_with_the_forecast_fan_beside_them_at_5m_and_1m()
    {
        // Three days of 5-minute candles, as the page asks for at 5m.
        _harness.Ingest!.Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "replay", _newest, 864));
        var errors = new List<string>();
        var page = await _harness.NewPageAsync(errors, height: 1000);

        await page.GotoAsync(_harness.BaseUrl + "coins/BTC?source=replay");

        var chart = page.GetByTestId("candle-chart");
        await Expect(page.GetByTestId("history-note")).ToContainTextAsync("864 stored candles");
        // The newest day (288 bars) in view, each with its volume, and the 4 h fan (48 bars past the last candle) whole.
        await ExpectViewAsync(chart, minCandles: 288, maxCandles: 300, fan: 48);
        await BrowserHarness.ScreenshotAsync(page, "coin-view-5m.png");

        // At 1m: a day is 1,440 candles, the fan 240 bars, still no more than a fifth of the width.
        _harness.Ingest!.Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "replay", _newest, 1440, minutes: 1));
        await page.GetByTestId("interval-1m").ClickAsync();
        await Expect(page.GetByTestId("history-note")).ToContainTextAsync("1440 stored candles");
        await ExpectViewAsync(chart, minCandles: 1440, maxCandles: 1441, fan: 240);
        await BrowserHarness.ScreenshotAsync(page, "coin-view-1m.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_the_chart_still_opens_on_a_day_of_1m_candles_and_the_fan()
    {
        _harness.Ingest!.Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "replay", _newest, 864));
        var errors = new List<string>();
        var phone = await _harness.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true });
        phone.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };

        await phone.GotoAsync(_harness.BaseUrl + "coins/BTC?source=replay");
        var chart = phone.GetByTestId("candle-chart");
        await ExpectViewAsync(chart, minCandles: 288, maxCandles: 300, fan: 48);
        _harness.Ingest!.Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "replay", _newest, 1440, minutes: 1));
        await phone.GetByTestId("interval-1m").ClickAsync();

        await ExpectViewAsync(chart, minCandles: 1440, maxCandles: 1441, fan: 240);
        await chart.ScrollIntoViewIfNeededAsync();
        // The tap on 1m left the pointer where the chart now is: its crosshair would cover the candles in the screenshot.
        await phone.Mouse.MoveAsync(0, 0);
        await BrowserHarness.ScreenshotAsync(phone, "coin-view-1m-phone.png");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_short_history_keeps_its_candles_in_view_and_shows_only_the_start_of_a_long_fan()
    {
        // 40 5-minute candles (the chart's least width) against a 4 h fan (49 points from the origin's bar): a fifth of the width for the fan.
        _harness.Ingest!.Map("/api/coins/BTC/candles", CannedJson.Candles("BTC", "replay", _newest, 40));
        var page = await _harness.NewPageAsync(height: 1000);

        await page.GotoAsync(_harness.BaseUrl + "coins/BTC?source=replay");

        var chart = page.GetByTestId("candle-chart");
        await Expect(chart).ToHaveAttributeAsync("data-forecast-points", "49");
        await ExpectViewAsync(chart, minCandles: 40, maxCandles: 40, fan: 10);
        await BrowserHarness.ScreenshotAsync(page, "coin-view-short.png");
    }

    /// <summary>
    /// Waits until the chart shows between <paramref name="minCandles"/> and <paramref name="maxCandles"/> candles, each
    /// with its volume bar, and <paramref name="fan"/> bars of forecast past the last one (a bar's rounding either way),
    /// then checks the fan's share of the width.
    /// </summary>
    private static async Task ExpectViewAsync(ILocator chart, int minCandles, int maxCandles, int fan)
    {
        try
        {
            await chart.Page.WaitForFunctionAsync("""
                ([min, max, fan]) => {
                  const view = document.querySelector('[data-testid=candle-chart]')?.dataset ?? {};
                  const candles = Number(view.candlesInView);
                  return candles >= min && candles <= max && Math.abs(Number(view.forecastInView) - fan) <= 1
                    && Number(view.volumeInView) === candles;
                }
                """, new[] { minCandles, maxCandles, fan }, new() { Timeout = (float)BrowserHarness.Timeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"In view: {await InViewAsync(chart, "candles")} candles, {await InViewAsync(chart, "volume")} with volume, " +
                $"{await InViewAsync(chart, "forecast")} fan bars; wanted {minCandles}-{maxCandles} candles, all with volume, and {fan} fan bars.");
        }

        var candles = await InViewAsync(chart, "candles");
        var shown = await InViewAsync(chart, "forecast");
        Assert.InRange((double)shown / (candles + shown), 0.01, MaxFanShare);
    }

    private static async Task<int> InViewAsync(ILocator chart, string what) =>
        int.Parse(await chart.GetAttributeAsync($"data-{what}-in-view") ?? "-1", CultureInfo.InvariantCulture);
}
