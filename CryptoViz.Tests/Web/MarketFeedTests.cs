using CryptoViz.Web.Feed;
using CryptoViz.Web.Markets;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Web;

/// <summary>The feed against a real SSE socket, wired exactly as the Web server wires it.</summary>
public sealed class MarketFeedTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Goes_live_and_keeps_the_latest_quote_per_symbol_and_source()
    {
        await using var stream = await FakeStreamServer.StartAsync();
        using var host = await FeedHost.StartAsync(stream.Address);
        var feed = host.Services.GetRequiredService<MarketFeed>();

        Assert.Null(await stream.NextConnectionAsync(s_timeout));
        await feed.WaitUntilAsync(f => f.State == FeedConnectionState.Live);
        stream.Publish(Quotes.Price("BTC", 100));
        stream.Publish(Quotes.Price("BTC", 101, "coingecko"));
        stream.Publish(Quotes.Price("BTC", 102));
        await feed.WaitUntilAsync(f => f.Quotes.Count == 2 && f.Quotes[new QuoteKey("BTC", "coinmarketcap")].Price == 102);

        Assert.Equal(101, feed.Quotes[new QuoteKey("BTC", "coingecko")].Price);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_quote_held_sent_again_as_a_reconnect_snapshot_is_not_counted_twice()
    {
        await using var stream = await FakeStreamServer.StartAsync();
        using var host = await FeedHost.StartAsync(stream.Address);
        var feed = host.Services.GetRequiredService<MarketFeed>();
        var candles = host.Services.GetRequiredService<CandleStore>();
        await stream.NextConnectionAsync(s_timeout);
        var quote = Quotes.Price("BTC", 100, "binance") with { Volume = 0.5 };

        stream.Publish(quote);
        stream.Publish(quote);
        stream.Publish(quote with { Price = 101, Timestamp = quote.Timestamp.AddSeconds(2), Volume = 0.25 });
        await feed.WaitUntilAsync(f => f.Quotes.GetValueOrDefault(new QuoteKey("BTC", "binance"))?.Price == 101);

        var bar = Assert.Single(candles.History(new QuoteKey("BTC", "binance")));
        Assert.Equal((101, 0.75), (bar.Close, bar.Volume));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Skips_unreadable_and_unknown_events_and_stays_live()
    {
        await using var stream = await FakeStreamServer.StartAsync();
        using var host = await FeedHost.StartAsync(stream.Address);
        var feed = host.Services.GetRequiredService<MarketFeed>();
        await stream.NextConnectionAsync(s_timeout);

        stream.Send("not json");
        stream.Send("""{"type": "crypto_update", "data": {"symbol": "BAD"}}""");
        stream.Send("""{"type": "prediction", "data": {"symbol": "BTC"}}""");
        stream.Send("""{"type": "heartbeat", "timestamp": "2025-09-04T18:42:39.166480"}""");
        stream.Publish(Quotes.Price("ETH", 4000));
        await feed.WaitUntilAsync(f => f.Quotes.ContainsKey(new QuoteKey("ETH", "coinmarketcap")));

        Assert.Single(feed.Quotes);
        Assert.Equal(FeedConnectionState.Live, feed.State);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reconnects_after_the_server_ends_the_stream_and_sends_Last_Event_ID()
    {
        await using var stream = await FakeStreamServer.StartAsync();
        using var host = await FeedHost.StartAsync(stream.Address);
        var feed = host.Services.GetRequiredService<MarketFeed>();
        await stream.NextConnectionAsync(s_timeout);
        var lastId = stream.Publish(Quotes.Price("BTC", 100));
        await feed.WaitUntilAsync(f => f.Quotes.Count == 1);
        var states = new List<FeedConnectionState>();
        feed.StateChanged += () => states.Add(feed.State);

        stream.DropClients();
        var resumedFrom = await stream.NextConnectionAsync(s_timeout);
        stream.Publish(Quotes.Price("BTC", 105));
        await feed.WaitUntilAsync(f => f.Quotes[new QuoteKey("BTC", "coinmarketcap")].Price == 105);

        Assert.Equal(lastId, resumedFrom);
        Assert.Equal([FeedConnectionState.Reconnecting, FeedConnectionState.Live], states);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reports_reconnecting_while_the_server_is_down()
    {
        await using var stream = await FakeStreamServer.StartAsync();
        using var host = await FeedHost.StartAsync(stream.Address);
        var feed = host.Services.GetRequiredService<MarketFeed>();
        await feed.WaitUntilAsync(f => f.State == FeedConnectionState.Live);

        await stream.DisposeAsync();
        await feed.WaitUntilAsync(f => f.State == FeedConnectionState.Reconnecting);

        Assert.Equal(FeedConnectionState.Reconnecting, feed.State);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Keeps_the_newest_forecast_per_symbol_source_and_horizon_and_the_anomalies()
    {
        await using var stream = await FakeStreamServer.StartAsync();
        using var host = await FeedHost.StartAsync(stream.Address);
        var feed = host.Services.GetRequiredService<MarketFeed>();
        await stream.NextConnectionAsync(s_timeout);
        var origin = new DateTime(2025, 9, 4, 18, 42, 0, DateTimeKind.Utc);
        var changes = 0;
        feed.PredictionsChanged += () => Interlocked.Increment(ref changes);

        stream.Publish(Predictions.Forecast("BTC", "replay", 15, origin, 100, 101, 2));
        stream.Publish(Predictions.Forecast("BTC", "replay", 60, origin, 100, 103, 5));
        stream.Publish(Predictions.Forecast("BTC", "simulated", 15, origin, 100, 99, 2));
        // A replayed snapshot after a reconnect carries an older forecast: it must not win.
        stream.Publish(Predictions.Forecast("BTC", "replay", 15, origin.AddMinutes(-1), 100, 50, 2));
        stream.Publish(Predictions.Anomaly("ETH", "simulated", origin, 4000, "return 9 robust sd from the median"));
        await feed.WaitUntilAsync(f => f.Anomalies.Any());

        Assert.Equal(3, feed.Forecasts.Count);
        Assert.Equal(101, feed.Forecasts[new ForecastKey("BTC", "replay", 15)].Central);
        Assert.Equal("return 9 robust sd from the median", Assert.Single(feed.Anomalies).Reason);
        Assert.Equal(5, Volatile.Read(ref changes));
        Assert.Empty(feed.Quotes);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
