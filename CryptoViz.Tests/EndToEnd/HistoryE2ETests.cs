using System.Net.Http.Json;
using System.Text.Json;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.EndToEnd;

/// <summary>
/// The product opens on its history: offline, within minutes of start, the backfill has given every coin a week of
/// candles with volume, under the live ones, and the dashboard says so.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class HistoryE2ETests(AppHostFixture fixture)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Every_coin_has_a_day_of_hourly_candles_with_volume_soon_after_start()
    {
        using var scraper = fixture.CreateHttpClient("scraper");
        using var ingest = fixture.CreateHttpClient("ingest");

        await Eventually.GetAsync(() => scraper.GetFromJsonAsync<JsonElement?>("/api/backfill"),
            s => s?.GetProperty("state").GetString() == "complete", s_timeout, "a complete backfill");
        var coins = await ingest.GetFromJsonAsync<JsonElement>("/api/coins", TestContext.Current.CancellationToken);

        // The dashboard shows the progress as a health report of the scraper resource.
        using var cts = new CancellationTokenSource(s_timeout);
        var shown = await fixture.App.ResourceNotifications.WaitForResourceAsync("scraper",
            e => e.Snapshot.HealthReports.Any(h => h.Name == "scraper_backfill" && h.Description?.StartsWith("history complete", StringComparison.Ordinal) == true),
            cts.Token);

        // 20 offline coins: the replay's five and the simulated market's fifteen.
        Assert.Equal(20, coins.GetArrayLength());
        Assert.Equal(Aspire.Hosting.ApplicationModel.KnownResourceStates.Running, shown.Snapshot.State?.Text);
        foreach (var coin in coins.EnumerateArray())
        {
            var symbol = coin.GetProperty("symbol").GetString();
            var series = await ingest.GetFromJsonAsync<JsonElement>($"/api/coins/{symbol}/candles?interval=1h", TestContext.Current.CancellationToken);
            var candles = series.GetProperty("candles").EnumerateArray().ToList();
            Assert.True(candles.Count >= 24, $"{symbol}: {candles.Count} hourly candles");
            Assert.All(candles, c => Assert.True(c.GetProperty("volume").GetDouble() > 0, $"{symbol} {c.GetProperty("time")}: no volume"));
        }
    }
}
