using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Scraper;

/// <summary>A backfill asks only for what a series lacks: the window minus what Ingest has, whole minutes, holes above the minimum.</summary>
public sealed class BackfillPlanTests
{
    private static readonly DateTime s_from = new(2025, 9, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_to = s_from.AddDays(7);
    private static readonly TimeSpan s_gap = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_series_Ingest_has_nothing_of_lacks_the_whole_window_in_whole_minutes() =>
        Assert.Equal([(s_from, s_to)], BackfillPlan.Missing([], s_from.AddSeconds(17), s_to.AddSeconds(42), s_gap));

    [Fact]
    public void Covered_ranges_are_cut_out_overlaps_merge_and_holes_shorter_than_the_minimum_are_left()
    {
        DateTime At(double hours) => s_from.AddHours(hours);
        CoveredRange[] covered =
        [
            new("BTC", "binance", At(150), At(168.5)),        // live ticks up to and past the end
            new("BTC", "binance", At(10), At(20)),
            new("BTC", "binance", At(15), At(30)),            // overlaps the one before
            new("BTC", "binance", At(30).AddMinutes(3), At(40)), // a 3-minute hole: left alone
            new("BTC", "binance", s_from.AddDays(-2), At(1)), // starts before the window
        ];

        Assert.Equal([(At(1), At(10)), (At(40), At(150))], BackfillPlan.Missing(covered, s_from, s_to, s_gap));
    }

    [Fact]
    public void A_range_ending_inside_a_minute_counts_that_minute_as_covered() =>
        Assert.Equal([(s_from.AddMinutes(11), s_to)],
            BackfillPlan.Missing([new CoveredRange("X", "y", s_from, s_from.AddMinutes(10).AddSeconds(1))], s_from, s_to, TimeSpan.Zero));
}
