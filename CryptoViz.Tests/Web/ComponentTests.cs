using Bunit;
using CryptoViz.Web.Components.Layout;
using CryptoViz.Web.Components.Pages;
using CryptoViz.Web.Feed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CryptoViz.Tests.Web;

/// <summary>bUnit tests of the components with logic; the feed behind them is real, fed over a socket.</summary>
public sealed class ComponentTests : BunitContext, IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private FakeStreamServer _stream = null!;
    private IHost _host = null!;

    public ComponentTests()
    {
        Services.AddFluentUIComponents();
        // Fluent's grid, switch and layout import JS modules; loose mode answers them with stubs.
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private MarketFeed Feed => _host.Services.GetRequiredService<MarketFeed>();

    public async ValueTask InitializeAsync()
    {
        _stream = await FakeStreamServer.StartAsync();
        _host = await FeedHost.StartAsync(_stream.Address);
        Services.AddSingleton(Feed);
        // No Ingest here: its trends stay empty, as while Ingest is down.
        Services.AddSingleton(_host.Services.GetRequiredService<CryptoViz.Web.Markets.MarketTrends>());
        Services.AddSingleton(TimeProvider.System);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await _host.StopAsync(Xunit.TestContext.Current.CancellationToken);
        _host.Dispose();
        await _stream.DisposeAsync();
    }

    [Fact]
    public void Theme_switch_stores_dark_mode()
    {
        JSInterop.Setup<bool>("Blazor.theme.isDarkMode").SetResult(false);
        var cut = Render<ThemeToggle>();

        cut.InvokeAsync(() => cut.FindComponent<FluentSwitch>().Instance.ValueChanged.InvokeAsync(true));

        Assert.Equal("dark", JSInterop.VerifyInvoke("Blazor.theme.setThemeMode").Arguments[0]);
    }

    [Fact]
    public async Task Connection_indicator_follows_the_feed()
    {
        await Feed.WaitUntilAsync(f => f.State == FeedConnectionState.Live);
        var cut = Render<ConnectionIndicator>();
        Assert.Equal("Live", cut.Find("[data-testid=connection]").TextContent.Trim());

        await _stream.DisposeAsync();

        cut.WaitForAssertion(() =>
        {
            var indicator = cut.Find("[data-testid=connection]");
            Assert.Equal("Reconnecting", indicator.TextContent.Trim());
            Assert.Contains("reconnecting", indicator.ClassList);
        }, s_timeout);
    }

    [Fact]
    public async Task Markets_lists_quotes_and_flashes_a_price_that_moves()
    {
        await _stream.NextConnectionAsync(s_timeout);
        _stream.Publish(Quotes.Price("BTC", 100000, marketCap: 2e12, name: "Bitcoin"));
        _stream.Publish(Quotes.Price("ETH", 4000, marketCap: 5e11, name: "Ethereum"));
        _stream.Publish(Quotes.Price("BTC", 100100, "coingecko", marketCap: 2e12, change: null, name: "Bitcoin"));
        await Feed.WaitUntilAsync(f => f.Quotes.Count == 3);

        var cut = Render<Markets>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=price]").Count), s_timeout);
        var btc = cut.Find("[data-testid=price][data-symbol=BTC][data-source=coinmarketcap]");
        Assert.Equal("$100,000.00", btc.TextContent);
        Assert.DoesNotContain("up", btc.ClassList);

        _stream.Publish(Quotes.Price("BTC", 100500, marketCap: 2e12, name: "Bitcoin"));

        cut.WaitForAssertion(() =>
        {
            var cell = cut.Find("[data-testid=price][data-symbol=BTC][data-source=coinmarketcap]");
            Assert.Equal("$100,500.00", cell.TextContent);
            Assert.Contains("up", cell.ClassList);
        }, s_timeout);
        // The highlight is brief: a later render clears it without a new quote.
        cut.WaitForAssertion(() =>
            Assert.DoesNotContain("up", cut.Find("[data-testid=price][data-symbol=BTC][data-source=coinmarketcap]").ClassList), s_timeout);
    }

    [Fact]
    public async Task Markets_search_filters_by_name_or_symbol()
    {
        await _stream.NextConnectionAsync(s_timeout);
        _stream.Publish(Quotes.Price("BTC", 100000, name: "Bitcoin"));
        _stream.Publish(Quotes.Price("ETH", 4000, name: "Ethereum"));
        _stream.Publish(Quotes.Price("DOGE", 0.2, name: "Dogecoin"));
        await Feed.WaitUntilAsync(f => f.Quotes.Count == 3);
        var cut = Render<Markets>();
        var search = cut.FindComponent<FluentTextInput>();

        await cut.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("coin"));

        cut.WaitForAssertion(() => Assert.Equal(["BTC", "DOGE"],
            cut.FindAll("[data-testid=price]").Select(e => e.GetAttribute("data-symbol")).Order()), s_timeout);

        await cut.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("zzz"));

        cut.WaitForAssertion(() => Assert.Contains("No coin matches", cut.Find("[data-testid=markets-empty]").TextContent), s_timeout);
    }
}
