using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class WalkForwardBacktestTests
{
    private static BacktestResult Run(double[] closes, BacktestSettings? settings = null, Action<ForecastRecord>? observe = null) =>
        new WalkForwardBacktest(settings ?? new BacktestSettings()).Run(
            SyntheticSeries.ToSeries(closes), ForecastModels.CreateChallengers(), observe);

    [Fact]
    public void A_trend_is_found_and_served_at_every_horizon_beyond_one_minute()
    {
        // Long enough to score 30 horizons of 4 h after the warm-up: the evidence a served model needs.
        var result = Run(SyntheticSeries.Trend(12_000, slopePerMinute: 0.01, noise: 0.02, seed: 1));

        Assert.All(result.Served.Where(score => score.HorizonMinutes >= 15), served =>
        {
            Assert.Contains(served.Model, new[] { "linear_trend", "boosted_trees" });
            Assert.InRange(served.Mase!.Value, 0, 0.5);
            Assert.InRange(served.HitRate!.Value, 0.9, 1);
        });
    }

    [Fact]
    public void On_a_random_walk_nothing_beats_naive_by_more_than_luck()
    {
        var result = Run(SyntheticSeries.RandomWalk(16000, sigma: 0.001, seed: 2));

        Assert.All(result.Served, served => Assert.InRange(served.Mase!.Value, 0.98, 1.0));
        // Served as the service serves, picked from what was known at each origin: within the target.
        Assert.All(result.Served, served => Assert.InRange(served.SelectionMase!.Value, 0.98, 1.02));
        Assert.All(result.Scores, score => Assert.True(score.Mase >= 0.98, $"{score.Model} h={score.HorizonMinutes} MASE {score.Mase}"));
        Assert.All(result.Scores.Where(s => s.Model is "momentum" or "linear_trend" && s.HorizonMinutes >= 15),
            score => Assert.False(score.Served));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Served_intervals_cover_about_90_percent_of_a_random_walk_with_changing_volatility(int seed)
    {
        // Calm, then three times as volatile, then calm again: calibration has to follow.
        var calm = SyntheticSeries.RandomWalk(8000, 0.0005, seed);
        var wild = SyntheticSeries.RandomWalk(6000, 0.0015, seed + 100, calm[^1]);
        var after = SyntheticSeries.RandomWalk(6000, 0.0005, seed + 200, wild[^1]);

        var result = Run([.. calm, .. wild, .. after]);

        Assert.All(result.Served, served => Assert.InRange(served.Coverage90!.Value, 0.85, 0.95));
        Assert.All(result.Served, served => Assert.InRange(served.SelectionCoverage90!.Value, 0.85, 0.95));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    public void Served_intervals_stay_calibrated_on_fat_tailed_returns_with_pumps(int seed)
    {
        // Student-t (3 degrees of freedom) minute returns whose scale wanders by a factor of ten over days, and
        // an occasional pump or dump of 5-30 %: a meme coin's month.
        var random = new Random(seed);
        var closes = new double[40_000];
        closes[0] = 0.05;
        var logScale = Math.Log(0.001);
        for (var t = 1; t < closes.Length; t++)
        {
            logScale = Math.Clamp(logScale + 0.01 * SyntheticSeries.Normal(random), Math.Log(0.0003), Math.Log(0.003));
            var chi2 = Enumerable.Range(0, 3).Sum(_ => Math.Pow(SyntheticSeries.Normal(random), 2));
            var r = Math.Exp(logScale) * SyntheticSeries.Normal(random) / Math.Sqrt(chi2 / 3);
            if (random.NextDouble() < 1.0 / 5000)
            {
                r += (random.NextDouble() < 0.5 ? -1 : 1) * (0.05 + 0.25 * random.NextDouble());
            }

            closes[t] = closes[t - 1] * Math.Exp(r);
        }

        var result = Run(closes);

        Assert.All(result.Served, served => Assert.InRange(served.Coverage90!.Value, 0.85, 0.95));
        Assert.All(result.Served, served => Assert.InRange(served.Mase!.Value, 0.97, 1.0));
        Assert.All(result.Served, served => Assert.InRange(served.SelectionCoverage90!.Value, 0.85, 0.95));
        Assert.All(result.Served, served => Assert.InRange(served.SelectionMase!.Value, 0.97, 1.02));
    }

    [Fact]
    public void Scores_every_model_on_the_same_points_as_naive()
    {
        var result = Run(SyntheticSeries.RandomWalk(6000, 0.001, seed: 5));

        foreach (var horizon in new BacktestSettings().Horizons)
        {
            var atHorizon = result.Scores.Where(score => score.HorizonMinutes == horizon).ToList();
            Assert.Equal(6, atHorizon.Count);
            Assert.Single(atHorizon, score => score.Served);
            Assert.Single(atHorizon.Select(score => score.N).Distinct());
            Assert.Equal(1.0, atHorizon.Single(score => score.Model == NaiveModel.ModelName).Mase);
        }
    }

    [Fact]
    public void Forecasts_made_before_a_change_do_not_depend_on_what_comes_after_it()
    {
        // Look-ahead check: the same past with two different futures. Any forecast, interval or refit that used
        // a close after its origin would differ between the runs.
        const int Change = 5500;
        var original = SyntheticSeries.RandomWalk(8000, 0.001, seed: 6);
        var otherFuture = original.Select((close, t) => t < Change ? close : close * 1.3).ToArray();
        var settings = new BacktestSettings { WarmupMinutes = 1440 };

        var first = new List<ForecastRecord>();
        var second = new List<ForecastRecord>();
        Run(original, settings, first.Add);
        Run(otherFuture, settings, second.Add);

        Assert.Equal(first.Count, second.Count);
        var before = first.Zip(second).Where(pair => pair.First.Origin < Change).ToList();
        var after = first.Zip(second).Where(pair => pair.First.Origin >= Change).ToList();
        Assert.NotEmpty(before);
        Assert.All(before, pair => Assert.Equal(pair.First, pair.Second));
        // The check can fail: from the change on, the two runs do differ.
        Assert.All(after, pair => Assert.NotEqual(pair.First.Central, pair.Second.Central));
    }

    [Fact]
    public void A_model_is_shown_the_closes_up_to_its_origin_and_no_further()
    {
        var spy = new HistorySpy();
        var records = new List<ForecastRecord>();
        var settings = new BacktestSettings { WarmupMinutes = 100, MinimumHistoryMinutes = 10, OriginStep = 7 };

        new WalkForwardBacktest(settings).Run(SyntheticSeries.ToSeries(SyntheticSeries.RandomWalk(500, 0.001, 7)), [spy], records.Add);

        var spied = records.Where(record => record.Model == spy.Name).ToList();
        // The last forecasts come from the final minute (the "latest" forecasts); all others from their origin.
        Assert.Equal(spied.Select(record => record.Origin + 1), spy.Lengths.Take(spied.Count));
        Assert.All(spy.Lengths.Skip(spied.Count), length => Assert.Equal(500, length));
    }

    [Fact]
    public void Never_forecasts_from_or_scores_against_a_missing_minute()
    {
        var closes = SyntheticSeries.RandomWalk(7000, 0.001, seed: 8);
        var times = closes.Select((close, t) => (Time: SyntheticSeries.Start.AddMinutes(t), Close: close))
            .Where((_, t) => t is < 5000 or >= 5300)
            .ToList();
        var records = new List<ForecastRecord>();
        var settings = new BacktestSettings { OriginStep = 1 };

        var result = new WalkForwardBacktest(settings).Run(MinuteSeries.FromCloses("gappy", times), [], records.Add);

        Assert.DoesNotContain(records, record => record.Origin is >= 5000 and < 5300);
        var warmup = 7000 / 3;
        var scoredOrigins = 7000 - warmup - 300;
        var oneMinute = result.Scores.Single(score => score.HorizonMinutes == 1);
        // Origins before the gap whose one-minute target falls into it are not scored either, nor the last minute.
        Assert.Equal(scoredOrigins - 1 - 1, oneMinute.N);
    }

    [Fact]
    public void A_series_shorter_than_the_warmup_is_still_scored_on_its_last_two_thirds()
    {
        var result = Run(SyntheticSeries.RandomWalk(2 * 1440, 0.001, seed: 15), new BacktestSettings { OriginStep = 1 });

        Assert.All(result.Scores, score => Assert.Equal(2 * 1440 - 960 - score.HorizonMinutes, score.N));
    }

    [Fact]
    public void The_served_score_is_out_of_sample_the_model_picked_at_each_origin_from_what_was_known_then()
    {
        // Two models take turns being perfect, in alternating two-hour blocks (shifted by an hour); otherwise they say
        // "no change". Each is right on half the points, so picked on all of them either looks twice as good as naive.
        // Picked at each origin from the 1-hour errors known by then, the pick trails the turns and is nearly always
        // the wrong one: no better than naive, as a served model chosen this way really would be.
        var closes = Enumerable.Range(0, 6000).Select(t => 100 + 0.01 * t).ToArray();
        var settings = new BacktestSettings { Horizons = [60], WarmupMinutes = 600 };

        var result = new WalkForwardBacktest(settings).Run(SyntheticSeries.ToSeries(closes),
            [new TakingTurns("even", closes, 0), new TakingTurns("odd", closes, 1)]);

        var served = Assert.Single(result.Served);
        Assert.InRange(served.Mase!.Value, 0.45, 0.55);
        Assert.Equal(served.N, served.SelectionN);
        Assert.InRange(served.SelectionMase!.Value, 0.9, 1.0);
        Assert.All(result.Scores.Where(score => !score.Served), score => Assert.Null(score.SelectionMase));
    }

    /// <summary>Perfect at origins in its turn (two-hour blocks from minute 60), naive otherwise: a test model that knows the series.</summary>
    private sealed class TakingTurns(string name, double[] closes, int turn) : IForecastModel
    {
        public string Name => name;

        public double Forecast(ReadOnlySpan<double> history, int horizon)
        {
            var origin = history.Length - 1;
            return (origin + 60) / 120 % 2 == turn && origin + horizon < closes.Length ? closes[origin + horizon] : history[^1];
        }
    }

    private sealed class HistorySpy : IForecastModel
    {
        public List<int> Lengths { get; } = [];

        public string Name => "spy";

        public double Forecast(ReadOnlySpan<double> history, int horizon)
        {
            Lengths.Add(history.Length);
            return history[^1];
        }
    }
}
