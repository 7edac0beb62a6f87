using CryptoViz.Tests.Contracts.Klines;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>The replay source: real klines played back as live ticks, re-timed to now, and as the offline fallback.</summary>
public sealed class ReplayTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_Binance_dump_is_replayed_as_ticks_along_each_bars_path_stamped_now_with_the_original_time_kept()
    {
        // Arrange: 30 real BTCUSDT minutes of 2025-01-01 (µs timestamps), 20 s of history per one-second tick.
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:Replay:Enabled"] = "true",
            ["Scraper:Replay:Path"] = KlineFixtures.PathOf(KlineFixtures.SpotMicroseconds),
            ["Scraper:Replay:Speed"] = "20",
            ["Scraper:Replay:TickInterval"] = "00:00:01",
        });

        // Act
        var records = await host.ConsumeAsync(kafka, r => r.Count >= 4, () => host.Time.Advance(s_second));

        // Assert
        var firstBar = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.All(records, r => Assert.Equal(("BTC", "Bitcoin", "replay"), (r.Symbol, r.Name, r.Source)));
        Assert.Equal([firstBar, firstBar.AddSeconds(20), firstBar.AddSeconds(40), firstBar.AddSeconds(60)],
            records.Take(4).Select(r => r.OriginalTimestamp));
        Assert.Equal(ScraperHost.Start.UtcDateTime, records[0].Timestamp);
        Assert.All(records.Zip(records.Skip(1)), p => Assert.Equal(s_second, p.Second.Timestamp - p.First.Timestamp));
        // Bar 1: open 93576.00, low 93537.50, high 93610.93, close 93610.93 (rising: open → low → high → close,
        // 111.93 in all). A third of the way along the path is 37.31 below the open, on the way to the low.
        Assert.Equal(93576.00, records[0].Price);
        Assert.Equal(93576.00 - 111.93 / 3, records[1].Price, 6);
        Assert.InRange(records[2].Price, 93537.50, 93610.93);
        Assert.Equal(93610.93, records[3].Price);
        // Less than a day of history: no 24 h change to tell.
        Assert.All(records, r => Assert.Null(r.PercentChange24h));
        // Bar 1's 8.21827 BTC (768,978.75522470 USDT) spread over the ticks that play it, each what traded since the
        // previous one (the first, at the open, none), the last also up to the close: 0, 1/3, 2/3.
        Assert.Equal([0, 8.21827 / 3, 8.21827 * 2 / 3], records.Take(3).Select(r => Math.Round(r.Volume!.Value, 9)).ToArray(),
            (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(8.21827, records.Take(3).Sum(r => r.Volume!.Value), 9);
        Assert.Equal(768978.7552247, records.Take(3).Sum(r => r.QuoteVolume!.Value), 6);
    }

    [Fact]
    public async Task Without_a_real_provider_the_bundled_history_is_replayed_and_the_simulated_market_only_fills_in_the_other_coins()
    {
        // Arrange: no real provider, both offline sources on auto, the replay on its bundled week of April 2021.
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:Replay:Enabled"] = "auto",
            ["Scraper:Simulated:Enabled"] = "auto",
        });

        // Act
        var records = await host.ConsumeAsync(kafka, r => r.Select(p => p.Symbol).Distinct().Count() >= 20, () => host.Time.Advance(s_second));

        // Assert
        string[] replayed = ["BNB", "BTC", "ETH", "SOL", "XRP"];
        Assert.Equal(replayed, records.Where(r => r.Source == "replay").Select(r => r.Symbol).Distinct().Order());
        Assert.DoesNotContain(records, r => r.Source == "simulated" && replayed.Contains(r.Symbol));
        Assert.Equal(15, records.Where(r => r.Source == "simulated").Select(r => r.Symbol).Distinct().Count());
        var btc = records.First(r => r is { Source: "replay", Symbol: "BTC" });
        Assert.Equal(new DateTime(2021, 4, 13, 0, 0, 0, DateTimeKind.Utc), btc.OriginalTimestamp);
        Assert.Equal(59_860.01, btc.Price);
        // Both carry volume: the replay its bars' (freqtrade files have no quote volume: volume × price), the simulated
        // market its own, with a 24 h figure too.
        Assert.All(records.Where(r => r.Source == "replay"), r => Assert.Equal(r.Volume!.Value * r.Price, r.QuoteVolume!.Value, 6));
        Assert.All(records.Where(r => r.Source == "simulated"), r => Assert.True(r is { Volume: > 0, QuoteVolume: > 0, Volume24h: > 0 }));
        var health = await host.SourcesHealthAsync();
        Assert.Equal("fallback: replay + simulated", health.Description);
        Assert.Equal("auto: BNB, BTC, ETH, SOL, XRP", health.Data["replay"]);
        Assert.Contains("Fallback: replay + simulated", Assert.Single(host.Logs.Entries, e => e.EventId.Name == "FallbackOn").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_data_that_cannot_be_read_leaves_the_whole_fallback_to_the_simulated_market_and_says_why()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-klines-{Guid.NewGuid():N}");
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:Replay:Enabled"] = "auto",
            ["Scraper:Replay:Path"] = missing,
            ["Scraper:Simulated:Enabled"] = "auto",
        });

        var records = await host.ConsumeAsync(kafka, r => r.Select(p => p.Symbol).Distinct().Count() >= 20, () => host.Time.Advance(s_second));

        Assert.All(records, r => Assert.Equal("simulated", r.Source));
        Assert.Contains(missing, Assert.Single(host.Logs.Entries, e => e.EventId.Name == "ReplayUnavailable").Text, StringComparison.Ordinal);
        Assert.Equal("fallback: simulated", (await host.SourcesHealthAsync()).Description);
    }
}
