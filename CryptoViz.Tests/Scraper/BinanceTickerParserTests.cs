using System.Text;
using System.Text.Json;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.ServiceDefaults.Messaging;
using FsCheck;
using FsCheck.Fluent;

namespace CryptoViz.Tests.Scraper;

/// <summary>Binance's recorded frames mapped to V2 records, and anything else rejected with a reason, never thrown.</summary>
public sealed class BinanceTickerParserTests
{
    private static readonly DateTime s_now = new(2020, 6, 19, 19, 30, 0, DateTimeKind.Utc);
    private readonly BinanceTickerParser _parser = new("USDT", "test-producer");

    [Fact]
    public void A_combined_24h_ticker_becomes_one_record_with_the_last_price_change_and_event_time()
    {
        var frame = Parse(ScraperFixtures.Read(ScraperFixtures.BinanceTicker));

        Assert.Equal(BinanceFrameKind.Tickers, frame.Kind);
        var quote = Assert.Single(frame.Fetch.Quotes);
        Assert.Empty(frame.Fetch.Rejected);
        Assert.Equal(("BTC", "Bitcoin", "binance"), (quote.Symbol, quote.Name, quote.Source));
        Assert.Equal(9318.48, quote.Price);
        Assert.Equal(-0.693, quote.PercentChange24h);
        Assert.Equal(0, quote.MarketCap);
        // E = 1592593727005 ms: V2's timestamp on the wire keeps the second, event_time the millisecond.
        Assert.Equal(new DateTime(2020, 6, 19, 19, 8, 47, 5, DateTimeKind.Utc), quote.EventTime);
        var wire = JsonSerializer.SerializeToElement(quote, CryptoVizJsonContext.Default.CryptoPrice);
        Assert.Equal("2020-06-19 19:08:47", wire.GetProperty("timestamp").GetString());
        Assert.Equal("2020-06-19T19:08:47.005000", wire.GetProperty("event_time").GetString());
        Assert.Equal("test-producer", quote.ProducerId);
    }

    [Fact]
    public void A_raw_mini_ticker_array_keeps_the_USDT_pairs_and_rejects_the_others_with_the_reason()
    {
        var frame = Parse(ScraperFixtures.Read(ScraperFixtures.BinanceMiniTickers));

        Assert.Equal(BinanceFrameKind.Tickers, frame.Kind);
        Assert.Equal(26, frame.Fetch.Quotes.Count + frame.Fetch.Rejected.Count);
        Assert.Contains(frame.Fetch.Quotes, q => q is { Symbol: "BTC", Price: 9342.70 });
        Assert.Contains(frame.Fetch.Quotes, q => q is { Symbol: "ETH", Price: 229.47 });
        // The mini ticker has no percent field: the change is computed from its 24 h open (9393.74 → 9342.70).
        Assert.Equal(-0.5433, frame.Fetch.Quotes.Single(q => q.Symbol == "BTC").PercentChange24h);
        Assert.Contains(frame.Fetch.Rejected, r => r is { Item: "ETHBTC", Reason: "not quoted in USDT" });
        Assert.All(frame.Fetch.Quotes, q => Assert.DoesNotContain("USDT", q.Symbol, StringComparison.Ordinal));
    }

    [Fact]
    public void A_kline_event_is_an_unsupported_event_not_a_price()
    {
        var frame = Parse(ScraperFixtures.Read(ScraperFixtures.BinanceKline));

        Assert.Empty(frame.Fetch.Quotes);
        Assert.Equal("unsupported event type", Assert.Single(frame.Fetch.Rejected).Reason);
    }

    [Theory]
    [InlineData("""{"result":null,"id":1}""", BinanceFrameKind.SubscriptionAck)]
    [InlineData("""{"code":2,"msg":"Invalid request: unknown variant `SUBSCRIBEX`"}""", BinanceFrameKind.ServerError)]
    [InlineData("""{"stream":"btcusdt@ticker","data":{"e":"24hrTicker","E":1592593727005,"s":"BTCUSDT",""", BinanceFrameKind.Invalid)]
    [InlineData("<html>502 Bad Gateway</html>", BinanceFrameKind.Invalid)]
    [InlineData("42", BinanceFrameKind.Invalid)]
    public void Control_and_broken_frames_are_told_apart(string json, BinanceFrameKind expected)
    {
        var frame = Parse(json);

        Assert.Equal(expected, frame.Kind);
        Assert.Empty(frame.Fetch.Quotes);
        if (expected != BinanceFrameKind.SubscriptionAck) Assert.False(string.IsNullOrEmpty(frame.Detail));
    }

    [Theory]
    [InlineData("""{"e":"24hrTicker","E":1592593727005,"s":"BTCUSDT","c":9318.48}""", "missing or non-numeric last price")]
    [InlineData("""{"e":"24hrTicker","E":"soon","s":"BTCUSDT","c":"9318.48"}""", "missing or out-of-range event time")]
    [InlineData("""{"e":"24hrTicker","E":-5,"s":"BTCUSDT","c":"9318.48"}""", "missing or out-of-range event time")]
    [InlineData("""{"e":"24hrTicker","E":1592593727005,"c":"9318.48"}""", "missing symbol")]
    [InlineData("""{"e":"24hrTicker","E":1592593727005,"s":"USDT","c":"9318.48"}""", "not quoted in USDT")]
    [InlineData("""[1, "two"]""", "not an event object")]
    public void An_event_of_the_wrong_shape_is_one_rejected_item_with_its_reason(string json, string reason)
    {
        var frame = Parse(json);

        Assert.Equal(BinanceFrameKind.Tickers, frame.Kind);
        Assert.Empty(frame.Fetch.Quotes);
        Assert.All(frame.Fetch.Rejected, r => Assert.Equal(reason, r.Reason));
    }

    [Fact]
    public void No_input_makes_the_parser_throw()
    {
        var recorded = ScraperFixtures.Read(ScraperFixtures.BinanceTicker);
        // Arbitrary strings, and the recorded frame cut or spliced anywhere.
        var arbitrary = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        var mangled = Gen.Choose(0, recorded.Length).Two().Select(t => recorded[..Math.Min(t.Item1, t.Item2)] + recorded[Math.Max(t.Item1, t.Item2)..]);

        // The recorded event with some of its fields given values of other types (or dropped), wrapped or not.
        var value = Gen.Elements("null", "true", "-5", "1592593727005", "1e400", "\"NaN\"", "\"9318.48\"", "\"soon\"",
            "\"24hrMiniTicker\"", "\"ETHBTC\"", "\"USDT\"", "\"\"", "[]", "{}", "[{}]", "{\"e\":\"24hrTicker\"}");
        var fields = new[] { "e", "E", "s", "c", "P", "o" };
        var change = Gen.Elements(fields).Zip(Gen.OneOf(value.Select(v => (string?)v), Gen.Constant<string?>(null)));
        var events = change.ListOf().Select(changes =>
        {
            var e = new Dictionary<string, string?> { ["e"] = "\"24hrTicker\"", ["E"] = "1592593727005", ["s"] = "\"BTCUSDT\"", ["c"] = "\"9318.48\"", ["P"] = "\"-0.693\"", ["o"] = "\"9383.48\"" };
            foreach (var (key, v) in changes) e[key] = v;
            return "{" + string.Join(',', e.Where(kv => kv.Value is not null).Select(kv => $"\"{kv.Key}\":{kv.Value}")) + "}";
        });
        var frames = Gen.OneOf(events, events.ListOf().Select(list => "[" + string.Join(',', list) + "]"),
            events.Select(e => $"{{\"stream\":\"btcusdt@ticker\",\"data\":{e}}}"));

        Prop.ForAll(Gen.OneOf(arbitrary, mangled, frames).ToArbitrary(), text => Parse(text) is not null)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    private BinanceFrame Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), s_now);
}
