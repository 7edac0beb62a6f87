using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Forecasting;

public sealed class QuantileTrackerTests
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.95)]
    public void Finds_the_quantile_of_a_known_distribution_from_a_wrong_start(double probability)
    {
        var random = new Random(12);
        var tracker = new QuantileTracker(probability, initial: 10, step: 0.01);

        for (var i = 0; i < 50_000; i++)
        {
            tracker.Observe(random.NextDouble());
        }

        Assert.InRange(tracker.Value, probability - 0.02, probability + 0.02);
    }
}
