using System.Text.Json.Nodes;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>The Binance WebSocket source against a local server playing Binance's recorded frames.</summary>
public sealed class BinanceStreamTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>, IAsyncLifetime
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);
    private FakeBinanceServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeBinanceServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Tickers_are_published_and_after_a_dropped_connection_it_reconnects_and_subscribes_again()
    {
        // Arrange: the first connection brings the recorded BTC ticker and is dropped; the second one a later tick.
        ScraperHost? host = null;
        _server.OnConnection(async c =>
        {
            await c.ReceiveAsync();
            await c.SendAsync("""{"result":null,"id":1}""");
            await c.SendAsync(Ticker(9318.48, RecordedEventMs));
            await c.WaitUntilAsync(() => host?.State("binance").Published == 1);
            c.Drop();
        });
        _server.OnConnection(async c =>
        {
            await c.ReceiveAsync();
            await c.SendAsync(Ticker(9320.10, RecordedEventMs + 2000));
            await c.HoldAsync();
        });
        await using var running = host = Host();

        // Act
        var records = await host.ConsumeAsync(kafka, r => r.Count >= 2, () => host.Time.Advance(s_second));

        // Assert
        Assert.Equal([9318.48, 9320.10], records.Select(r => r.Price));
        Assert.All(records, r => Assert.Equal(("BTC", "binance"), (r.Symbol, r.Source)));
        Assert.Equal(2, _server.Connections);
        Assert.Equal(2, _server.Received.Count);
        Assert.All(_server.Received, request =>
        {
            var json = JsonNode.Parse(request)!;
            Assert.Equal("SUBSCRIBE", (string?)json["method"]);
            Assert.Equal(["btcusdt@ticker", "btcusdt@kline_1m", "ethusdt@ticker", "ethusdt@kline_1m"], json["params"]!.AsArray().Select(p => (string?)p));
        });
        Assert.Single(host.Logs.Entries, e => e.EventId.Name == "StreamLost");
        Assert.Equal(2, host.State("binance").Published);
        Assert.Equal("real providers: binance", (await host.SourcesHealthAsync()).Description);
    }

    [Fact]
    public async Task Kline_updates_are_published_with_the_volume_traded_since_the_previous_one_beside_the_tickers()
    {
        // Arrange: the recorded kline update, a ticker, and the same minute's next update 2 s later.
        _server.OnConnection(async c =>
        {
            await c.ReceiveAsync();
            await c.SendAsync(ScraperFixtures.Read(ScraperFixtures.BinanceKline));
            await c.SendAsync(Ticker(10441.9, RecordedKlineMs + 1_000));
            await c.SendAsync(NextKlineUpdate(10442.5, 21.5, 224_444.44));
            await c.HoldAsync();
        });
        await using var host = Host();

        // Act
        var records = await host.ConsumeAsync(kafka, r => r.Count >= 3);

        // Assert: the minute's volume arrives in two parts that add up to its running total; the ticker brings the 24 h volume.
        Assert.Equal([10441.80, 10441.9, 10442.5], records.Select(r => r.Price));
        Assert.Equal((20.639574, 215452.69236872), (records[0].Volume, records[0].QuoteVolume));
        Assert.Equal((null, 455442476.1853462), (records[1].Volume, records[1].Volume24h));
        Assert.Equal(21.5, records[0].Volume!.Value + records[2].Volume!.Value, 9);
        Assert.Equal(224_444.44, records[0].QuoteVolume!.Value + records[2].QuoteVolume!.Value, 6);
    }

    [Fact]
    public async Task Broken_frames_are_rejected_with_a_reason_and_the_connection_goes_on()
    {
        // Arrange: every kind of bad frame, a repeat of a published quote, then one good tick.
        _server.OnConnection(async c =>
        {
            await c.ReceiveAsync();
            await c.SendAsync("""{"stream":"btcusdt@ticker","data":{"e":"24hrTicker","E":15925""");
            await c.SendAsync("<html><body>502 Bad Gateway</body></html>");
            await c.SendBinaryAsync([0x1f, 0x8b, 0x08]);
            await c.SendAsync(new string(' ', 1_100_000) + "{}");
            await c.SendAsync("""{"code":2,"msg":"Invalid request"}""");
            await c.SendAsync(Ticker(double.NaN, RecordedEventMs));
            await c.SendAsync(Ticker(9318.48, RecordedEventMs));
            await c.SendAsync(Ticker(9318.48, RecordedEventMs));
            await c.HoldAsync();
        });
        await using var host = Host();

        // Act
        var records = await host.ConsumeAsync(kafka, r => r.Count >= 1);
        var state = host.State("binance");
        await host.UntilAsync(() => state.Unchanged == 1, "the repeated quote");

        // Assert
        Assert.Equal(9318.48, Assert.Single(records).Price);
        Assert.Equal(1, _server.Connections);
        Assert.Equal(6, state.Rejected);
        var reasons = host.Logs.Entries.Where(e => e.EventId.Name is "FrameRejected" or "Rejected").Select(e => e.Text).ToList();
        Assert.Contains(reasons, m => m.Contains("invalid JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, m => m.Contains("binary frame", StringComparison.Ordinal));
        Assert.Contains(reasons, m => m.Contains("frame over", StringComparison.Ordinal));
        Assert.Contains(reasons, m => m.Contains("code 2: Invalid request", StringComparison.Ordinal));
        Assert.Contains(reasons, m => m.Contains("price must be a positive finite number", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connection_that_goes_silent_is_replaced()
    {
        // Arrange: the server accepts and then says nothing at all.
        _server.OnConnection(async c =>
        {
            await c.ReceiveAsync();
            await c.HoldAsync();
        });
        await using var host = Host();
        await host.UntilAsync(() => _server.Received.Count == 1, "the subscription");

        // Act: fake time runs past the 30 s silence limit and the backoff.
        await host.UntilAsync(() => _server.Connections == 2, "the second connection", step: s_second);

        // Assert
        Assert.Contains("timeout: no frame for 00:00:30", host.State("binance").LastError, StringComparison.Ordinal);
        Assert.True(host.Time.GetUtcNow() - ScraperHost.Start >= TimeSpan.FromSeconds(30));
    }

    /// <summary>The recorded <c>btcusdt@ticker</c> event's time: 2020-06-19 19:08:47.005 UTC.</summary>
    private const long RecordedEventMs = 1592593727005;

    /// <summary>The recorded ticker frame with its price and event time replaced (derived in code, the file stays as recorded).</summary>
    private static string Ticker(double price, long eventMs)
    {
        var frame = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.BinanceTicker))!;
        frame["data"]!["c"] = double.IsNaN(price) ? "NaN" : price.ToString("F8", System.Globalization.CultureInfo.InvariantCulture);
        frame["data"]!["E"] = eventMs;
        return frame.ToJsonString();
    }

    /// <summary>The recorded <c>btcusdt@kline_1m</c> update's time: 2020-10-02 09:17:08.469 UTC.</summary>
    private const long RecordedKlineMs = 1601630228469;

    /// <summary>The recorded kline frame 2 s later, with a new close and running totals (derived in code).</summary>
    private static string NextKlineUpdate(double close, double volume, double quoteVolume)
    {
        var frame = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.BinanceKline))!;
        frame["data"]!["E"] = RecordedKlineMs + 2_000;
        frame["data"]!["k"]!["c"] = close.ToString("F8", System.Globalization.CultureInfo.InvariantCulture);
        frame["data"]!["k"]!["v"] = volume.ToString("F8", System.Globalization.CultureInfo.InvariantCulture);
        frame["data"]!["k"]!["q"] = quoteVolume.ToString("F8", System.Globalization.CultureInfo.InvariantCulture);
        return frame.ToJsonString();
    }

    /// <summary>A started Scraper with only the Binance source on.</summary>
    private ScraperHost Host()
    {
        var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Scraper:Binance:Enabled"] = "true",
            ["Scraper:Binance:BaseUrl"] = _server.BaseUrl.ToString(),
            ["Scraper:Binance:Symbols"] = "BTC,ETH",
        });
        _ = host.Supervisor;
        return host;
    }
}
