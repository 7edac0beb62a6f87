using CryptoViz.Ingest.Anomalies;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class TickAnomalyDetectorTests
{
    private static List<PriceAnomaly> Feed(TickAnomalyDetector detector, IEnumerable<double> prices) =>
        prices.Select((price, i) => detector.Observe(SyntheticSeries.Start.AddSeconds(10 * i), price))
            .OfType<PriceAnomaly>()
            .ToList();

    [Fact]
    public void Flags_a_planted_jump_and_nothing_else_in_a_random_walk()
    {
        var prices = SyntheticSeries.RandomWalk(2000, 0.0005, seed: 9);
        for (var t = 1200; t < prices.Length; t++)
        {
            prices[t] *= 1.03;
        }

        var anomaly = Assert.Single(Feed(new TickAnomalyDetector(), prices));

        Assert.Equal(SyntheticSeries.Start.AddSeconds(12_000), anomaly.Time);
        Assert.True(anomaly.Score > 6);
        Assert.InRange(anomaly.Return, Math.Log(1.03) - 0.003, Math.Log(1.03) + 0.003);
        Assert.StartsWith("jump of +", anomaly.Reason);
        Assert.Contains("robust σ from the median of the last 120 tick returns", anomaly.Reason);
    }

    [Fact]
    public void Flags_a_drop_with_a_negative_score()
    {
        var prices = SyntheticSeries.RandomWalk(300, 0.0005, seed: 10);
        prices[^1] = prices[^2] * 0.97;

        var anomaly = Assert.Single(Feed(new TickAnomalyDetector(), prices));

        Assert.True(anomaly.Score < -6);
        Assert.StartsWith("drop of -3", anomaly.Reason);
    }

    [Fact]
    public void One_earlier_spike_does_not_mask_the_next()
    {
        var prices = SyntheticSeries.RandomWalk(600, 0.0005, seed: 11);
        prices[200] *= 1.05;   // up and straight back down: two flagged moves
        prices[400] *= 1.05;

        var anomalies = Feed(new TickAnomalyDetector(), prices);

        Assert.Equal([200, 201, 400, 401], anomalies.Select(a => (int)((a.Time - SyntheticSeries.Start).TotalSeconds / 10)));
    }

    [Fact]
    public void Repeated_quotes_do_not_make_every_tiny_move_an_anomaly()
    {
        var prices = Enumerable.Repeat(100.0, 200).Concat([100.0005, 100.0, 100.0]).ToList();

        Assert.Empty(Feed(new TickAnomalyDetector(), prices));
    }

    [Fact]
    public void Says_nothing_until_it_has_seen_enough_returns()
    {
        Assert.Empty(Feed(new TickAnomalyDetector(minimumReturns: 30), [100, 100.01, 99.99, 150]));
    }
}
