using CryptoViz.Ingest.Forecasting;

namespace CryptoViz.Tests.Ingest.Forecasting;

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

    [Fact]
    public void Forecasts_at_or_below_zero_teach_the_interval_nothing()
    {
        var calibrator = new IntervalCalibrator(0.9, 0.02);
        var before = calibrator.Interval(100, 0.01);

        for (var i = 0; i < 1000; i++)
        {
            calibrator.Observe(IntervalCalibrator.StandardizedError(central: -5, actual: 100, scale: 0.01));
            calibrator.Observe(IntervalCalibrator.StandardizedError(central: 0, actual: 100, scale: 0.01));
        }

        Assert.Equal(before, calibrator.Interval(100, 0.01));
    }
}
