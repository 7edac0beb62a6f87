using CryptoViz.Scraper.Sources.Replay;
using CryptoViz.Contracts.Klines;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// Inside a bar the replay walks open → low → high → close (rising) or open → high → low → close (falling), and the
/// ticks that play the bar carry its volume between them.
/// </summary>
public sealed class BarPathTests
{
    private static readonly DateTimeOffset s_time = new(2021, 4, 13, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_rising_bar_dips_to_its_low_first_then_climbs_through_its_high_to_the_close()
    {
        // open 100, low 90, high 120, close 110: legs of 10 down, 30 up, 10 down; 50 in all.
        var bar = new Kline(s_time, 100, 120, 90, 110, 1);

        Assert.Equal(100, BarPath.PriceAt(bar, 0));
        Assert.Equal(90, BarPath.PriceAt(bar, 0.2), 9);
        Assert.Equal(105, BarPath.PriceAt(bar, 0.5), 9);
        Assert.Equal(120, BarPath.PriceAt(bar, 0.8), 9);
        Assert.Equal(110, BarPath.PriceAt(bar, 1));
    }

    [Fact]
    public void A_falling_bar_visits_its_high_first()
    {
        var bar = new Kline(s_time, 100, 110, 80, 90, 1);

        Assert.Equal(110, BarPath.PriceAt(bar, 10.0 / 50), 9);
        Assert.Equal(80, BarPath.PriceAt(bar, 40.0 / 50), 9);
    }

    [Fact]
    public void Every_point_of_the_path_stays_within_the_bar_and_a_flat_bar_stays_flat()
    {
        var bar = new Kline(s_time, 93576.00, 93610.93, 93537.50, 93610.93, 8.2);
        for (var f = 0.0; f <= 1.0; f += 0.01)
        {
            Assert.InRange(BarPath.PriceAt(bar, f), bar.Low, bar.High);
        }

        Assert.Equal(5, BarPath.PriceAt(new Kline(s_time, 5, 5, 5, 5, 0), 0.7));
    }

    [Fact]
    public void A_series_has_no_price_in_a_gap_nor_outside_its_span()
    {
        var series = new ReplaySeries("BTC",
        [
            new Kline(s_time, 1, 1, 1, 1, 1),
            new Kline(s_time.AddMinutes(1), 2, 2, 2, 2, 1),
            new Kline(s_time.AddMinutes(5), 3, 3, 3, 3, 1),
        ]);

        Assert.Equal(2, series.PriceAt(s_time.AddMinutes(1.5)));
        Assert.Null(series.PriceAt(s_time.AddMinutes(3)));
        Assert.Equal(3, series.PriceAt(s_time.AddMinutes(5.9)));
        Assert.Null(series.PriceAt(s_time.AddMinutes(6)));
        Assert.Null(series.PriceAt(s_time.AddSeconds(-1)));
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(7, 3)]
    [InlineData(1, 0.5)]
    [InlineData(45, 10)]
    [InlineData(150, 0)]
    public void The_ticks_that_play_a_bar_carry_its_whole_volume_between_them(int stepSeconds, double firstTickSecond)
    {
        // A bar with the file's quote volume and one without, ticked every step from firstTickSecond on.
        var tape = new ReplayTape([new ReplaySeries("BTC",
        [
            new Kline(s_time, 100, 120, 90, 110, 8.25, 900.5),
            new Kline(s_time.AddMinutes(1), 110, 115, 100, 105, 3.5),
        ])]);
        var step = TimeSpan.FromSeconds(stepSeconds);

        var ticks = new List<ReplayQuote>();
        for (var offset = TimeSpan.FromSeconds(firstTickSecond); offset < tape.Length; offset += step) ticks.AddRange(tape.At(offset, step));

        // Assert: per bar played by any tick, the shares add up to the bar; without a quote volume, volume × price.
        var byBar = ticks.GroupBy(t => t.OriginalTime < s_time.AddMinutes(1)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(8.25, byBar[true].Sum(t => t.Volume), 9);
        Assert.Equal(900.5, byBar[true].Sum(t => t.QuoteVolume), 9);
        Assert.All(ticks, t => Assert.True(t.Volume >= 0));
        if (byBar.TryGetValue(false, out var second))
        {
            Assert.Equal(3.5, second.Sum(t => t.Volume), 9);
            Assert.All(second, t => Assert.Equal(t.Volume * t.Price, t.QuoteVolume, 9));
        }
    }
}
