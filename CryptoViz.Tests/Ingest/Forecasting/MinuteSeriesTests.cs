using CryptoViz.Ingest.Forecasting;
using CryptoViz.Contracts.Klines;

namespace CryptoViz.Tests.Ingest.Forecasting;

public sealed class MinuteSeriesTests
{
    [Fact]
    public void Carries_the_last_close_over_missing_minutes_and_marks_them_unobserved()
    {
        var start = SyntheticSeries.Start;
        var series = MinuteSeries.FromCloses("s", [(start.AddMinutes(3), 13), (start, 10), (start.AddMinutes(1).AddSeconds(59), 11)]);

        Assert.Equal(start, series.Start);
        Assert.Equal([10, 11, 11, 13], series.Closes);
        Assert.Equal([true, true, false, true], series.Observed);
    }

    [Fact]
    public void Keeps_the_last_bar_read_for_a_duplicated_minute()
    {
        var start = SyntheticSeries.Start;
        var series = MinuteSeries.FromKlines("s", [new Kline(start, 1, 1, 1, 1, 0), new Kline(start, 2, 2, 2, 2, 0)]);

        Assert.Equal([2.0], series.Closes);
    }
}
