using CryptoViz.Scraper.Sources.Binance;

namespace CryptoViz.Tests.Scraper;

/// <summary>The decision before each klines call: go now, or wait for the next minute's weight.</summary>
public sealed class BinanceHistoryPacingTests
{
    private static readonly DateTimeOffset s_minute = new(2024, 12, 31, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Calls_go_at_once_until_the_weight_they_book_would_pass_the_budget()
    {
        var pacer = new BinanceWeightPacer(budget: 6);
        var now = s_minute.AddSeconds(12);

        // Three calls of weight 2 fit in 6; the fourth waits for the next minute.
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], new[] { pacer.Reserve(now), pacer.Reserve(now), pacer.Reserve(now) });
        Assert.Equal(TimeSpan.FromSeconds(48), pacer.Reserve(now));
        Assert.Equal(TimeSpan.FromSeconds(48), pacer.Reserve(now));
    }

    [Fact]
    public void The_weight_Binance_reports_counts_and_the_next_minute_starts_afresh()
    {
        var pacer = new BinanceWeightPacer(budget: 6000);
        var now = s_minute.AddSeconds(30.25);

        // Others on the same IP used most of this minute's weight.
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(now));
        pacer.Observe(5999, now);

        Assert.Equal(TimeSpan.FromSeconds(29.75), pacer.Reserve(now));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(s_minute.AddMinutes(1)));
    }

    [Fact]
    public void A_lower_report_does_not_undo_calls_booked_since()
    {
        var pacer = new BinanceWeightPacer(budget: 6);
        var now = s_minute.AddSeconds(5);
        pacer.Reserve(now);
        pacer.Reserve(now);
        pacer.Reserve(now);

        // The answer to the first call says 2; the two booked after it still count.
        pacer.Observe(2, now);

        Assert.Equal(TimeSpan.FromSeconds(55), pacer.Reserve(now));
    }
}
