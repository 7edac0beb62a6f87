using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class EvaluationPlanTests
{
    private static readonly DateTimeOffset s_now = SyntheticSeries.Start.AddDays(8);
    private static readonly DateTimeOffset s_windowStart = s_now.AddDays(-7);
    private static readonly TimeSpan s_reevaluation = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan s_check = TimeSpan.FromSeconds(15);

    /// <summary>A walk over the last <paramref name="minutes"/> before now, every minute observed, started afresh <paramref name="age"/> ago.</summary>
    private static LiveWalk Walk(int minutes, TimeSpan age)
    {
        var start = s_now.AddMinutes(-minutes);
        var series = MinuteSeries.FromCloses("s", Enumerable.Range(0, minutes).Select(t => (start.AddMinutes(t), 100.0)));
        return new LiveWalk(new WalkForwardBacktest(new BacktestSettings()).Start(series, []), s_now - age, s_now.UtcDateTime);
    }

    private static List<(string, string)> Due(Dictionary<(string, string), int> stored, Dictionary<(string, string), LiveWalk> walks) =>
        EvaluationPlan.Due(stored, walks, s_now, s_windowStart, s_reevaluation, s_check);

    [Fact]
    public void A_series_seen_for_the_first_time_is_evaluated_at_once()
    {
        var due = Due(new() { [("BTC", "binance")] = 3 }, []);

        Assert.Equal([("BTC", "binance")], due);
    }

    [Fact]
    public void A_series_whose_stored_history_grew_by_a_quarter_beyond_its_walk_is_evaluated_at_once()
    {
        var walks = new Dictionary<(string, string), LiveWalk>
        {
            [("BTC", "binance")] = Walk(30, TimeSpan.FromSeconds(15)),
            [("ETH", "binance")] = Walk(8000, TimeSpan.FromSeconds(15)),
        };

        // A backfill landed for BTC; ETH has a few late minutes more than its walk, which its next evaluation picks up.
        var due = Due(new() { [("BTC", "binance")] = 10_080, [("ETH", "binance")] = 8100 }, walks);

        Assert.Equal([("BTC", "binance")], due);
    }

    [Fact]
    public void Walks_older_than_the_interval_are_evaluated_oldest_first_a_share_per_check()
    {
        // 120 series at one check in 60 per interval: two per check.
        var stored = Enumerable.Range(0, 120).ToDictionary(i => ($"C{i}", "binance"), _ => 100);
        var walks = stored.Keys.Select((key, i) => (key, Walk(100, s_reevaluation + TimeSpan.FromSeconds(i % 10 == 0 ? i : 0))))
            .ToDictionary(pair => pair.key, pair => pair.Item2);
        walks[("C5", "binance")] = Walk(100, s_reevaluation - TimeSpan.FromSeconds(1));

        var due = Due(stored, walks);

        Assert.Equal([("C110", "binance"), ("C100", "binance")], due);
    }

    [Fact]
    public void Nothing_is_due_between_evaluations()
    {
        var walks = new Dictionary<(string, string), LiveWalk> { [("BTC", "binance")] = Walk(100, s_reevaluation - TimeSpan.FromSeconds(1)) };

        Assert.Empty(Due(new() { [("BTC", "binance")] = 100 }, walks));
    }
}
