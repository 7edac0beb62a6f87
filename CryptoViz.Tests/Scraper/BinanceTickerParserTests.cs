using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Contracts.Messaging;
using FsCheck;
using FsCheck.Fluent;

namespace CryptoViz.Tests.Scraper;

/// <summary>Binance's recorded frames mapped to V2 records with their volumes, and anything else rejected with a reason, never thrown.</summary>
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
        // q: the 24 h volume in USDT. A ticker says nothing of what traded since the last one.
        Assert.Equal(455442476.1853462, quote.Volume24h);
        Assert.Equal((null, null), (quote.Volume, quote.QuoteVolume));
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
        Assert.Equal(446546826.587222, frame.Fetch.Quotes.Single(q => q.Symbol == "BTC").Volume24h);
        Assert.Contains(frame.Fetch.Rejected, r => r is { Item: "ETHBTC", Reason: "not quoted in USDT" });
        Assert.All(frame.Fetch.Quotes, q => Assert.DoesNotContain("USDT", q.Symbol, StringComparison.Ordinal));
    }

    [Fact]
    public void A_kline_update_is_a_quote_at_its_close_with_the_volume_of_the_minute_so_far()
    {
        var frame = Parse(ScraperFixtures.Read(ScraperFixtures.BinanceKline));

        var quote = Assert.Single(frame.Fetch.Quotes);
        Assert.Empty(frame.Fetch.Rejected);
        Assert.Equal(("BTC", "binance", 10441.80, 0d), (quote.Symbol, quote.Source, quote.Price, quote.MarketCap));
        // E = 1601630228469; the first update seen of a minute brings its whole running total.
        Assert.Equal(new DateTime(2020, 10, 2, 9, 17, 8, 469, DateTimeKind.Utc), quote.EventTime);
        Assert.Equal((20.639574, 215452.69236872), (quote.Volume, quote.QuoteVolume));
        Assert.Equal((null, null), (quote.PercentChange24h, quote.Volume24h));
    }

    [Fact]
    public void Later_updates_of_a_minute_bring_what_traded_since_and_the_next_minute_its_whole_total()
    {
        Parse(ScraperFixtures.Read(ScraperFixtures.BinanceKline));

        // Act: 2 s later the minute has grown; then the same totals again; then the update that closes the minute, sent
        // after its close time; then the next minute's first update; then a late one of the closed minute.
        var grown = Single(Kline(RecordedKlineMs + 2_000, 21.5, 224_444.44));
        var same = Single(Kline(RecordedKlineMs + 4_000, 21.5, 224_444.44));
        var closing = Single(Kline(RecordedOpenMs + 60_001, 22, 229_665, closed: true));
        var next = Single(Kline(RecordedOpenMs + 62_000, 1.25, 13_052.25, openMs: RecordedOpenMs + 60_000));
        var late = Parse(Kline(RecordedOpenMs + 62_500, 23, 240_000, closed: true));

        // Assert
        Assert.Equal(21.5 - 20.639574, grown.Volume!.Value, 9);
        Assert.Equal(224_444.44 - 215452.69236872, grown.QuoteVolume!.Value, 6);
        Assert.Equal((0d, 0d), (same.Volume, same.QuoteVolume));
        Assert.Equal(0.5, closing.Volume!.Value, 9);
        Assert.Equal(new DateTime(2020, 10, 2, 9, 17, 59, 999, DateTimeKind.Utc), closing.EventTime);
        Assert.Equal((1.25, 13_052.25), (next.Volume, next.QuoteVolume));
        Assert.Empty(late.Fetch.Quotes);
        Assert.Equal("update of a kline older than the current one", Assert.Single(late.Fetch.Rejected).Reason);
    }

    [Fact]
    public void A_kline_quote_at_a_tickers_millisecond_leaves_its_volume_to_the_next_kline_quote()
    {
        // Arrange: the recorded ticker re-timed to the millisecond of a kline update (derived in code).
        var ticker = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.BinanceTicker))!;
        ticker["data"]!["E"] = RecordedKlineMs;

        // Act
        Parse(ticker.ToJsonString());
        var repeat = Single(ScraperFixtures.Read(ScraperFixtures.BinanceKline));
        var after = Single(Kline(RecordedKlineMs + 2_000, 21.5, 224_444.44));

        // Assert: the first quote would be dropped as the ticker's repeat; its volume rides on the next.
        Assert.Equal((null, null), (repeat.Volume, repeat.QuoteVolume));
        Assert.Equal((21.5, 224_444.44), (after.Volume, after.QuoteVolume));
    }

    [Theory]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT"}""", "missing kline")]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT","k":{"t":1601630220000,"T":1601630279999,"c":"NaN?","v":"1","q":"1"}}""", "missing or non-numeric last price")]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT","k":{"t":1601630220000,"T":1601630159999,"c":"1","v":"1","q":"1"}}""", "missing or out-of-range kline times")]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT","k":{"T":1601630279999,"c":"1","v":"1","q":"1"}}""", "missing or out-of-range kline times")]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT","k":{"t":1601630220000,"T":1601630279999,"c":"1","v":"-1","q":"1"}}""", "missing or negative kline volume")]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT","k":{"t":1601630220000,"T":1601630279999,"c":"1","v":"1","q":"Infinity"}}""", "missing or negative kline volume")]
    [InlineData("""{"e":"kline","E":1601630228469,"s":"BTCUSDT","k":{"t":1601630220000,"T":1601630279999,"c":"1","v":"1"}}""", "missing or negative kline volume")]
    public void A_kline_of_the_wrong_shape_is_one_rejected_item_with_its_reason(string json, string reason)
    {
        var frame = Parse(json);

        Assert.Empty(frame.Fetch.Quotes);
        Assert.Equal(reason, Assert.Single(frame.Fetch.Rejected).Reason);
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
        // The recorded kline likewise, its fields and the kline's own retyped, dropped or moved to other minutes.
        var klineFields = new[] { "e", "E", "s", "k", "t", "T", "c", "v", "q" };
        var klineChange = Gen.Elements(klineFields).Zip(Gen.OneOf(value.Select(v => (string?)v),
            Gen.Elements<string?>("1601630220000", "1601630280000", "1601630160000", "\"20.5\"", "\"0\"", "\"-3\""), Gen.Constant<string?>(null)));
        var klines = klineChange.ListOf().Select(changes =>
        {
            var e = new Dictionary<string, string?> { ["e"] = "\"kline\"", ["E"] = "1601630228469", ["s"] = "\"BTCUSDT\"" };
            var k = new Dictionary<string, string?> { ["t"] = "1601630220000", ["T"] = "1601630279999", ["c"] = "\"10441.8\"", ["v"] = "\"20.6\"", ["q"] = "\"215452.7\"" };
            foreach (var (key, v) in changes) (key is "t" or "T" or "c" or "v" or "q" ? k : e)[key] = v;
            e.TryAdd("k", "{" + string.Join(',', k.Where(kv => kv.Value is not null).Select(kv => $"\"{kv.Key}\":{kv.Value}")) + "}");
            return "{" + string.Join(',', e.Where(kv => kv.Value is not null).Select(kv => $"\"{kv.Key}\":{kv.Value}")) + "}";
        });
        var frames = Gen.OneOf(events, events.ListOf().Select(list => "[" + string.Join(',', list) + "]"),
            events.Select(e => $"{{\"stream\":\"btcusdt@ticker\",\"data\":{e}}}"), klines,
            Gen.OneOf(events, klines).ListOf().Select(list => "[" + string.Join(',', list) + "]"));

        Prop.ForAll(Gen.OneOf(arbitrary, mangled, frames).ToArbitrary(), text => Parse(text) is not null)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    /// <summary>The recorded kline update's event time, 2020-10-02 09:17:08.469 UTC, and its minute's open.</summary>
    private const long RecordedKlineMs = 1601630228469, RecordedOpenMs = 1601630220000;

    /// <summary>The recorded kline frame with its times and running volumes replaced (derived in code, the file stays as recorded).</summary>
    private static string Kline(long eventMs, double volume, double quoteVolume, bool closed = false, long openMs = RecordedOpenMs)
    {
        var frame = JsonNode.Parse(ScraperFixtures.Read(ScraperFixtures.BinanceKline))!;
        var data = frame["data"]!;
        data["E"] = eventMs;
        data["k"]!["t"] = openMs;
        data["k"]!["T"] = openMs + 59_999;
        data["k"]!["v"] = volume.ToString("F8", CultureInfo.InvariantCulture);
        data["k"]!["q"] = quoteVolume.ToString("F8", CultureInfo.InvariantCulture);
        data["k"]!["x"] = closed;
        return frame.ToJsonString();
    }

    private CryptoPrice Single(string json)
    {
        var frame = Parse(json);
        Assert.Empty(frame.Fetch.Rejected);
        return Assert.Single(frame.Fetch.Quotes);
    }

    private BinanceFrame Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), s_now);
}
