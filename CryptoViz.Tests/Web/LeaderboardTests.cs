using Bunit;
using CryptoViz.Web.Components.Forecasts;
using CryptoViz.Web.Forecasts;
using CryptoViz.Web.Clients;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Web;

/// <summary>The models leaderboard: grouping and filters, and the table's colours against naive.</summary>
public sealed class LeaderboardTests : BunitContext
{
    private static readonly ModelScore[] s_scores =
    [
        Score("replay/BTC", "naive", 15, 1, served: false),
        Score("replay/BTC", "momentum", 15, 1.12, served: false),
        Score("replay/BTC", "ewma_drift", 15, 0.97, served: true),
        Score("replay/BTC", "boosted_trees", 15, null, served: false),
        Score("simulated/ETH", "naive", 60, 1, served: true),
        Score("simulated/ETH", "ewma_drift", 60, 1.04, served: false),
    ];

    public LeaderboardTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Groups_per_series_and_horizon_best_first_unscored_last_and_filters_by_coin_and_horizon()
    {
        var all = Leaderboard.Groups(s_scores, null, null);

        Assert.Equal([("BTC", "replay", 15), ("ETH", "simulated", 60)], all.Select(g => (g.Symbol, g.Source, g.HorizonMinutes)));
        Assert.Equal(["ewma_drift", "naive", "momentum", "boosted_trees"], all[0].Scores.Select(s => s.Model));
        Assert.Equal(("ewma_drift", false), (all[0].Served?.Model, all[0].NaiveServed));
        Assert.True(all[1].NaiveServed);
        Assert.Equal("ETH", Assert.Single(Leaderboard.Groups(s_scores, "ETH", null)).Symbol);
        Assert.Empty(Leaderboard.Groups(s_scores, "BTC", 60));
        Assert.Equal(["BTC", "ETH"], Leaderboard.Symbols(s_scores));
        Assert.Equal([15, 60], Leaderboard.Horizons(s_scores));
    }

    [Fact]
    public void Table_colours_MASE_against_naive_and_says_when_naive_is_served()
    {
        var cut = Render<LeaderboardTable>(p => p.Add(t => t.Groups, Leaderboard.Groups(s_scores, null, null)));

        string SkillOf(string series, string model) =>
            cut.Find($"[data-series='{series}'] tr[data-model={model}] [data-testid=mase]").ClassList.Single(c => c is "better" or "worse" or "baseline");
        Assert.Equal("better", SkillOf("replay/BTC", "ewma_drift"));
        Assert.Equal("worse", SkillOf("replay/BTC", "momentum"));
        Assert.Equal("baseline", SkillOf("replay/BTC", "naive"));
        Assert.Equal("baseline", SkillOf("replay/BTC", "boosted_trees"));
        Assert.Equal("worse", SkillOf("simulated/ETH", "ewma_drift"));
        Assert.Equal("served", cut.Find("[data-series='replay/BTC'] tr[data-model=ewma_drift] [data-testid=served]").TextContent.Trim());
        Assert.Equal("true", cut.Find("[data-series='simulated/ETH']").GetAttribute("data-naive-served"));
        Assert.Contains("served: no model beat naive", cut.Find("[data-series='simulated/ETH'] tr[data-model=naive] [data-testid=served]").InnerHtml);
    }

    private static ModelScore Score(string series, string model, int horizon, double? mase, bool served) =>
        new(series, model, horizon, 480, mase * 50, mase, model == ModelScore.Naive ? null : 0.52, 0.9, served);
}
