using CryptoViz.Contracts.Messaging;
using CryptoViz.Web.Forecasts;
using CryptoViz.Web.Clients;
using CryptoViz.Web.Markets;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Web;

public sealed class ForecastOverlayTests
{
    private static readonly DateTime s_origin = new(2025, 9, 4, 18, 42, 0, DateTimeKind.Utc);

    [Fact]
    public void Merge_keeps_one_row_per_horizon_of_the_chosen_source_the_later_origin_winning()
    {
        ServedForecast[] stored =
        [
            Stored(60, s_origin, 101), Stored(15, s_origin, 100.5),
            Stored(60, s_origin, 999) with { Source = "simulated" },
        ];
        Prediction[] live =
        [
            Predictions.Forecast("BTC", "replay", 60, s_origin.AddMinutes(1), 100, 102, 3),
            Predictions.Forecast("BTC", "replay", 15, s_origin.AddMinutes(-5), 100, 50, 3),
            Predictions.Anomaly("BTC", "replay", s_origin, 100, "jump"),
        ];

        var rows = ForecastOverlay.Merge(stored, live, "BTC", "replay");

        Assert.Equal([15, 60], rows.Select(r => r.HorizonMinutes));
        Assert.Equal(100.5, rows[0].Central);
        Assert.Equal(30, rows[0].BacktestPoints);
        Assert.Equal(102, rows[1].Central);
        Assert.Null(rows[1].BacktestPoints);
    }

    [Fact]
    public void Lines_start_at_the_last_close_and_reach_each_target_on_the_bar_grid()
    {
        var rows = ForecastOverlay.Merge([Stored(15, s_origin, 110, 4), Stored(60, s_origin, 120, 10)], [], "BTC", "replay");

        var lines = ForecastOverlay.Lines(rows, 300);

        var start = UnixTime.Seconds(s_origin);
        // 18:42 falls in the 18:40 bar; 19:42 is reached by the 19:45 bar: 14 bars, one point each.
        Assert.Equal(Enumerable.Range(0, 14).Select(i => start - 120 + 300 * i), lines.Central.Select(p => p.Time));
        Assert.Equal(lines.Central.Select(p => p.Time), lines.Upper.Select(p => p.Time));
        Assert.Equal((100d, 100d, 100d), (lines.Central[0].Value, lines.Lower[0].Value, lines.Upper[0].Value));
        Assert.Equal((120d, 110d, 130d), (lines.Central[^1].Value, lines.Lower[^1].Value, lines.Upper[^1].Value));
        // 18:57 is the 15-minute target; the 19:00 bar sits 3 of the 45 minutes on towards the hour's.
        var at1900 = lines.Central.Single(p => p.Time == start + 18 * 60);
        Assert.Equal(110 + 10 * 3 / 45d, at1900.Value, 9);
        Assert.All(lines.Central.Zip(lines.Lower, lines.Upper), t => Assert.InRange(t.First.Value, t.Second.Value, t.Third.Value));
    }

    [Fact]
    public void Lines_on_bars_wider_than_every_horizon_go_from_the_last_close_to_the_furthest_target()
    {
        var rows = ForecastOverlay.Merge([Stored(15, s_origin, 110), Stored(240, s_origin, 130)], [], "BTC", "replay");

        var lines = ForecastOverlay.Lines(rows, 86_400);

        Assert.Equal([100d, 130d], lines.Central.Select(p => p.Value));
        Assert.Equal(ForecastLines.None, ForecastOverlay.Lines([], 300));
    }

    [Fact]
    public void Markers_flag_the_bar_of_each_anomaly_of_the_chosen_source_with_its_newest_reason()
    {
        Prediction[] anomalies =
        [
            Predictions.Anomaly("BTC", "replay", s_origin.AddSeconds(10), 100, "first"),
            Predictions.Anomaly("BTC", "replay", s_origin.AddSeconds(50), 100, "second"),
            Predictions.Anomaly("BTC", "simulated", s_origin, 100, "other source"),
            Predictions.Forecast("BTC", "replay", 15, s_origin, 100, 101, 1),
        ];

        var markers = ForecastOverlay.Markers(anomalies, "BTC", "replay", 60);

        Assert.Equal([new ChartMarker(UnixTime.Seconds(s_origin), "second")], markers);
    }

    private static ServedForecast Stored(int horizon, DateTime origin, double central, double halfWidth = 2) => new(
        "BTC", "replay", "ewma_drift", horizon, origin, origin.AddMinutes(horizon), 100, central, central - halfWidth, central + halfWidth,
        30, 0.95, 0.9);
}
