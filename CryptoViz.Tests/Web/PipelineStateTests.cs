using Bunit;
using CryptoViz.Web.Components.Pipeline;
using CryptoViz.Web.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CryptoViz.Tests.Web;

/// <summary>V2's thresholds (docs/v2-contract.md#monitoring-thresholds): source state by the age of its newest price, freshness colours.</summary>
public sealed class PipelineStateTests : BunitContext
{
    private static readonly DateTimeOffset s_now = new(2025, 9, 4, 18, 42, 0, TimeSpan.Zero);

    public PipelineStateTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Theory]
    [InlineData("embedded", "Embedded mock cluster (AppHost)")]
    [InlineData("redpanda", "Redpanda (container)")]
    [InlineData("external", "External Kafka")]
    [InlineData(null, "Kafka")]
    public void The_broker_is_named_by_the_kind_Stream_was_told_and_generically_without_one(string? broker, string expected) =>
        Assert.Equal(expected, PipelineRules.BrokerName(broker));

    [Theory]
    [InlineData(0, "active")]
    [InlineData(9 * 60 + 59, "active")]
    [InlineData(10 * 60, "slow")]
    [InlineData(29 * 60 + 59, "slow")]
    [InlineData(30 * 60, "inactive")]
    [InlineData(3 * 24 * 3600, "inactive")]
    [InlineData(-30, "active")] // a source clock slightly ahead of ours
    public void Source_state_follows_the_age_of_the_newest_price(int ageSeconds, string expected)
    {
        var cut = Render<SourceStateBadge>(p => p
            .Add(b => b.LastUpdate, s_now.UtcDateTime.AddSeconds(-ageSeconds))
            .Add(b => b.Now, s_now));

        var badge = cut.Find("[data-testid=source-state]");
        Assert.Equal(expected, badge.GetAttribute("data-state"));
        Assert.Equal(expected, cut.FindComponent<FluentBadge>().Instance.Content?.ToLowerInvariant());
    }

    [Fact]
    public void A_source_that_never_stored_anything_is_inactive()
    {
        var cut = Render<SourceStateBadge>(p => p.Add(b => b.LastUpdate, null).Add(b => b.Now, s_now));

        Assert.Equal("inactive", cut.Find("[data-testid=source-state]").GetAttribute("data-state"));
        Assert.Equal(BadgeColor.Danger, cut.FindComponent<FluentBadge>().Instance.Color);
    }

    [Theory]
    [InlineData(2 * 60, "fresh", BadgeColor.Success, "2 min ago")]
    [InlineData(9 * 60 + 59, "fresh", BadgeColor.Success, "9 min ago")]
    [InlineData(10 * 60, "stale", BadgeColor.Warning, "10 min ago")]
    [InlineData(59 * 60 + 59, "stale", BadgeColor.Warning, "59 min ago")]
    [InlineData(60 * 60, "old", BadgeColor.Danger, "1 h ago")]
    [InlineData(26 * 3600, "old", BadgeColor.Danger, "1 d ago")]
    public void Freshness_is_green_amber_or_red(int ageSeconds, string expected, BadgeColor color, string text)
    {
        var cut = Render<FreshnessBadge>(p => p
            .Add(b => b.Newest, s_now.UtcDateTime.AddSeconds(-ageSeconds))
            .Add(b => b.Now, s_now));

        Assert.Equal(expected, cut.Find("[data-testid=freshness]").GetAttribute("data-freshness"));
        var badge = cut.FindComponent<FluentBadge>().Instance;
        Assert.Equal(color, badge.Color);
        Assert.Equal(text, badge.Content);
    }

    [Fact]
    public void An_empty_store_is_red_and_says_never()
    {
        var cut = Render<FreshnessBadge>(p => p.Add(b => b.Newest, null).Add(b => b.Now, s_now));

        Assert.Equal("old", cut.Find("[data-testid=freshness]").GetAttribute("data-freshness"));
        Assert.Equal("never", cut.FindComponent<FluentBadge>().Instance.Content);
    }

    [Fact]
    public void Source_rows_count_coins_and_records_and_rate_each_source()
    {
        var now = s_now.UtcDateTime;
        CryptoViz.Contracts.Apis.CoinSummary Coin(string symbol, string source, int minutesAgo) =>
            new(symbol, symbol, source, 1, 1, now.AddMinutes(-minutesAgo), null, null, null);
        CryptoViz.Contracts.Apis.Tick Tick(string source) => new(now, "BTC", "Bitcoin", source, 1, null, 1, now, "t");
        var coins = new[] { Coin("BTC", "coinmarketcap", 2), Coin("ETH", "coinmarketcap", 40), Coin("BTC", "coingecko", 15) };
        var activity = new[] { new CoinActivity("BTC", [Tick("coinmarketcap"), Tick("coingecko"), Tick("coingecko")], null, false) };

        var rows = PipelineMonitor.Sources(coins, activity, s_now);

        Assert.Equal(
            [new SourceRow("coingecko", 1, 2, now.AddMinutes(-15), SourceActivity.Slow), new SourceRow("coinmarketcap", 2, 1, now.AddMinutes(-2), SourceActivity.Active)],
            rows);
        // Records unknown when a coin's history failed to load.
        Assert.All(PipelineMonitor.Sources(coins, [new CoinActivity("BTC", null, null, false)], s_now), r => Assert.Null(r.Records));
    }
}
