using Bunit;
using CryptoViz.Web.Components.Forecasts;
using CryptoViz.Web.Forecasts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CryptoViz.Tests.Web;

/// <summary>bUnit tests of the coin page's forecast table and anomaly list, given rows directly.</summary>
public sealed class ForecastComponentTests : BunitContext
{
    private static readonly DateTime s_origin = new(2025, 9, 4, 18, 42, 0, DateTimeKind.Utc);

    public ForecastComponentTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Table_shows_each_horizon_with_its_interval_and_colours_skill_against_naive()
    {
        var cut = Render<ForecastTable>(p => p
            .Add(t => t.Source, "replay")
            .Add(t => t.Rows, [Row(15, "naive", 1, 100), Row(60, "ewma_drift", 0.91, 103)]));

        var rows = cut.FindAll("[data-testid=forecast-table] tbody tr");
        Assert.Equal(["15", "60"], rows.Select(r => r.GetAttribute("data-horizon")));
        Assert.Contains("naive (no model beat “no change”)", rows[0].TextContent);
        Assert.Contains("$97.00 – $103.00", rows[0].TextContent);
        Assert.Contains("baseline", rows[0].QuerySelector(".skill")!.ClassList);
        Assert.Contains("better", rows[1].QuerySelector(".skill")!.ClassList);
        Assert.Equal("0.910", rows[1].QuerySelector(".skill")!.TextContent);
        Assert.Contains("4 h", Render<ForecastTable>(p => p.Add(t => t.Rows, [Row(240, "naive", 1, 100)])).Markup);
        Assert.DoesNotContain("No model beats naive", cut.Find("[data-testid=forecast-note]").TextContent);
    }

    [Fact]
    public void Table_says_plainly_when_naive_is_served_everywhere_and_explains_an_empty_state()
    {
        var naive = Render<ForecastTable>(p => p
            .Add(t => t.Source, "simulated")
            .Add(t => t.Rows, [Row(15, "naive", 1, 100), Row(60, "naive", 1, 100)]));
        var empty = Render<ForecastTable>(p => p
            .Add(t => t.Source, "simulated")
            .Add(t => t.Rows, [])
            .Add(t => t.EmptyText, "Ingest is unreachable."));

        Assert.Contains("No model beats naive", naive.Find("[data-testid=forecast-note]").TextContent);
        Assert.Equal("Ingest is unreachable.", empty.Find("[data-testid=forecast-empty]").TextContent);
    }

    [Fact]
    public void Anomaly_list_shows_each_flag_with_its_reason_or_says_there_is_none()
    {
        var cut = Render<AnomalyList>(p => p
            .Add(a => a.Source, "replay")
            .Add(a => a.Items, [Predictions.Anomaly("BTC", "replay", s_origin, 101.5, "return 9.1 robust sd from the median")]));
        var none = Render<AnomalyList>(p => p.Add(a => a.Source, "replay").Add(a => a.Items, []));

        var item = Assert.Single(cut.FindAll("[data-testid=anomaly]"));
        Assert.Contains("return 9.1 robust sd from the median", item.TextContent);
        Assert.Contains("2025-09-04 18:42:00 UTC", item.TextContent);
        Assert.Contains("z 7.4", item.TextContent);
        Assert.NotNull(none.Find("[data-testid=anomalies-empty]"));
    }

    private static ForecastRow Row(int horizon, string model, double mase, double central) => new(
        horizon, model, s_origin, s_origin.AddMinutes(horizon), 100, central, central - 3, central + 3, mase, 0.9, 40);
}
