using System.Text.Json;
using CryptoViz.Scraper.Sources;
using CryptoViz.Scraper.Sources.CoinGecko;

namespace CryptoViz.Tests.Scraper;

/// <summary>How CoinGecko's chart points become candles, and how a request is cut into calls, without HTTP.</summary>
public sealed class CoinGeckoHistoryCandleTests
{
    private static readonly CoinGeckoMarketChart s_recorded =
        JsonSerializer.Deserialize(ScraperFixtures.Read(ScraperFixtures.CoinGeckoChart), ProviderJsonContext.Default.CoinGeckoMarketChart)!;

    private static readonly DateTime s_december = new(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Of_several_points_in_one_minute_the_last_stands_and_its_volume_covers_them_all()
    {
        // Derived in code: a point at 01:08:10 with another price, before the recorded 01:08:43.760 one, in the same minute.
        var prices = s_recorded.Prices!.ToList();
        var index = prices.FindIndex(p => p![0] == 1733015323760);
        prices.Insert(index, [1733015290000, 1.0]);
        var chart = s_recorded with { Prices = prices };

        var (candles, rejected) = CoinGeckoChartCandles.Read(chart, s_december, s_december.AddDays(1));

        Assert.Equal(0, rejected);
        Assert.Equal(24, candles.Count);
        var candle = Assert.Single(candles, c => c.Time == s_december.AddHours(1).AddMinutes(8));
        Assert.Equal(96368.41659629214, candle.Close);
        // 36,663,773,736.8 USD a day over the 3,917,050 ms since the minute before's point (00:03:26.710), as without the extra point.
        Assert.Equal(1662197163.3777456, candle.QuoteVolume!.Value, 1e-3);
        Assert.Equal(17248.3602209741, candle.Volume!.Value, 1e-8);
    }

    [Fact]
    public void The_first_point_stands_for_the_gap_to_the_next_and_a_lone_point_has_no_volume()
    {
        // Derived in code: the recording's points of 00:03 and 01:08 on 1 December, then the first alone.
        var two = Slice(1733011406710, 1733015323760);
        var (candles, _) = CoinGeckoChartCandles.Read(two, s_december, s_december.AddDays(1));
        Assert.Equal(2, candles.Count);
        // 44,074,605,764.2 USD a day over the 3,917,050 ms to the next point.
        Assert.Equal(44074605764.20043 * 3917050 / 86_400_000, candles[0].QuoteVolume!.Value, 1e-3);

        var (lone, _) = CoinGeckoChartCandles.Read(Slice(1733011406710, 1733011406710), s_december, s_december.AddDays(1));
        var candle = Assert.Single(lone);
        Assert.Equal(96449.75251537087, candle.Close);
        Assert.Equal((null, null), (candle.Volume, candle.QuoteVolume));
    }

    [Fact]
    public void Unusable_points_are_counted_and_left_out_and_a_point_without_a_24_h_volume_has_none()
    {
        // Derived in code from the recorded day: a null price, a negative one, a fractional millisecond; and one volume gone.
        var chart = Slice(1733011406710, 1733094445109);
        var prices = chart.Prices!.ToList();
        prices[1] = [prices[1]![0], null];
        prices[2] = [prices[2]![0], -5];
        prices[3] = [prices[3]![0] + 0.5, prices[3]![1]];
        var volumes = chart.TotalVolumes!.Where(v => v![0] != prices[4]![0]).ToList();

        var (candles, rejected) = CoinGeckoChartCandles.Read(chart with { Prices = prices, TotalVolumes = volumes }, s_december, s_december.AddDays(1));

        Assert.Equal(3, rejected);
        Assert.Equal(21, candles.Count);
        Assert.Equal((null, null), (candles[1].Volume, candles[1].QuoteVolume));
        Assert.All(candles.Where((_, i) => i != 1), c => Assert.True(c.QuoteVolume > 0));
    }

    [Fact]
    public void Points_outside_the_range_give_no_candle_but_still_measure_the_gap_to_the_first_inside()
    {
        var chart = Slice(1733007733260, 1733015323760);

        var (candles, _) = CoinGeckoChartCandles.Read(chart, s_december, s_december.AddDays(1));

        Assert.Equal([s_december.AddMinutes(3), s_december.AddHours(1).AddMinutes(8)], candles.Select(c => c.Time));
        Assert.Equal(44074605764.20043 * 3673450 / 86_400_000, candles[0].QuoteVolume!.Value, 1e-3);
    }

    [Theory]
    // Older than a day from now: calls of at most 90 days (hourly points; beyond that CoinGecko sends daily ones).
    [InlineData("2024-06-01T00:00", "2024-12-01T00:00", "2024-06-01T00:00/2024-08-30T00:00 2024-08-30T00:00/2024-11-28T00:00 2024-11-28T00:00/2024-12-01T00:00")]
    // Across the line a day before now: the last day on its own (5-minute points).
    [InlineData("2024-12-01T00:00", "2024-12-03T21:00", "2024-12-01T00:00/2024-12-02T21:00 2024-12-02T21:00/2024-12-03T21:00")]
    // Within the last day: one call. The line falls on the next whole minute.
    [InlineData("2024-12-02T21:00", "2024-12-03T21:00", "2024-12-02T21:00/2024-12-03T21:00")]
    [InlineData("2024-12-02T20:00", "2024-12-03T20:00", "2024-12-02T20:00/2024-12-02T21:00 2024-12-02T21:00/2024-12-03T20:00")]
    public void A_request_is_cut_into_calls_that_get_CoinGecko_s_finest_points(string from, string to, string calls)
    {
        var now = new DateTime(2024, 12, 3, 20, 59, 30, DateTimeKind.Utc);

        var cut = CoinGeckoHistorySource.Calls(Utc(from), Utc(to), now);

        Assert.Equal(calls, string.Join(' ', cut.Select(c => $"{c.From:yyyy-MM-ddTHH:mm}/{c.To:yyyy-MM-ddTHH:mm}")));
    }

    /// <summary>The recorded points (prices and volumes) from one time to another, both included.</summary>
    private static CoinGeckoMarketChart Slice(double fromMs, double toMs) => new(
        [.. s_recorded.Prices!.Where(p => p![0] >= fromMs && p[0] <= toMs)],
        [.. s_recorded.TotalVolumes!.Where(p => p![0] >= fromMs && p[0] <= toMs)]);

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
