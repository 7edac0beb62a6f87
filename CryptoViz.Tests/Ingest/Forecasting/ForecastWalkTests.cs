using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class ForecastWalkTests
{
    // Both walks must warm up alike: a walk keeps the warm-up it started with, and a short series' warm-up is a third of it.
    private static readonly BacktestSettings s_settings = new() { WarmupMinutes = 1000 };

    [Fact]
    public void A_walk_that_goes_on_minute_by_minute_ends_where_one_walk_over_the_longer_series_does()
    {
        // Past the boosted trees' first fit (2 days), with a gap in the minutes appended later.
        var closes = SyntheticSeries.RandomWalk(4300, 0.001, seed: 21);
        var full = SyntheticSeries.ToSeries(closes);
        var gap = (From: 4100, Until: 4120);

        var walk = new WalkForwardBacktest(s_settings).Start(full.Slice(0, 4000), ForecastModels.CreateChallengers());
        for (var minute = 4000; minute < closes.Length; minute++)
        {
            // As the service reads: from the oldest walk's end, so some minutes come again; the gap never comes.
            var read = Enumerable.Range(minute - 3, 4)
                .Where(t => t is < 4100 or >= 4120)
                .Select(t => (full.TimeAt(t), closes[t]));
            walk.Extend(read);
            walk.Result();
        }

        var gappy = MinuteSeries.FromCloses("synthetic",
            closes.Select((close, t) => (Time: full.TimeAt(t), Close: close)).Where((_, t) => t < gap.From || t >= gap.Until));
        var once = new WalkForwardBacktest(s_settings).Run(gappy, ForecastModels.CreateChallengers());
        var continued = walk.Result();
        Assert.Equal(once.Scores, continued.Scores);
        Assert.Equal(once.Latest, continued.Latest);
        Assert.Contains(continued.Scores, score => score.Model == "boosted_trees" && score.N > 0);
    }

    [Fact]
    public void Minutes_already_walked_are_left_as_they_were()
    {
        var closes = SyntheticSeries.RandomWalk(600, 0.001, seed: 22);
        var series = SyntheticSeries.ToSeries(closes);
        var walk = new WalkForwardBacktest(s_settings).Start(series, []);
        var before = walk.Result();

        walk.Extend([(series.TimeAt(550), closes[550] * 2), (series.TimeAt(599), closes[599] * 2)]);

        var after = walk.Result();
        Assert.Equal(600, walk.Length);
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(before.Latest, after.Latest);
    }

    [Fact]
    public void Counts_the_observed_minutes_of_a_window_that_starts_inside_the_walk()
    {
        var start = SyntheticSeries.Start;
        var series = MinuteSeries.FromCloses("s", [(start, 1), (start.AddMinutes(1), 1), (start.AddMinutes(5), 1), (start.AddMinutes(6), 1)]);

        var walk = new WalkForwardBacktest(s_settings).Start(series, []);

        Assert.Equal(4, walk.ObservedSince(start.AddMinutes(-10)));
        Assert.Equal(3, walk.ObservedSince(start.AddMinutes(1)));
        Assert.Equal(2, walk.ObservedSince(start.AddMinutes(2)));
        Assert.Equal(0, walk.ObservedSince(start.AddMinutes(7)));
    }
}
