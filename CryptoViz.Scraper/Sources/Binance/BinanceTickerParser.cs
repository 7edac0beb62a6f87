using System.Globalization;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// Reads Binance's market-data frames: <c>24hrTicker</c> and <c>24hrMiniTicker</c> events (price, 24 h change, 24 h
/// quote volume) and <c>kline</c> events (close price and the volume traded since the previous update), raw or in the
/// combined-stream wrapper <c>{"stream":…,"data":…}</c>, single or as an array (<c>!miniTicker@arr</c>). Never throws
/// on input: anything else is an invalid frame or a rejected item with its reason. Keeps each pair's kline volumes
/// between frames, so one parser reads one connection's frames at a time, reconnects included.
/// </summary>
public sealed class BinanceTickerParser(string quoteAsset, string producerId)
{
    public const string SourceName = "binance";

    private static readonly JsonDocumentOptions s_json = new() { MaxDepth = 16 };

    private readonly KlineVolumes _klineVolumes = new();

    /// <summary>Each pair's last ticker time, which a kline quote of the same instant would repeat.</summary>
    private readonly Dictionary<string, DateTime> _tickerTimes = new(StringComparer.Ordinal);

    public BinanceFrame Parse(ReadOnlyMemory<byte> utf8Json, DateTime utcNow)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, s_json);
        }
        catch (JsonException ex)
        {
            return BinanceFrame.Invalid($"invalid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("id", out _) && root.TryGetProperty("result", out _)) return BinanceFrame.Ack;
                if (root.TryGetProperty("code", out var code) && root.TryGetProperty("msg", out var msg))
                {
                    return BinanceFrame.Error($"code {code}: {msg}");
                }

                if (root.TryGetProperty("data", out var data) && root.TryGetProperty("stream", out _)) root = data;
            }

            return root.ValueKind switch
            {
                JsonValueKind.Object => Map([root], utcNow),
                JsonValueKind.Array => Map([.. root.EnumerateArray()], utcNow),
                var kind => BinanceFrame.Invalid($"expected a JSON object or array, got {kind}"),
            };
        }
    }

    private BinanceFrame Map(IReadOnlyList<JsonElement> events, DateTime utcNow)
    {
        var quotes = new List<CryptoPrice>(events.Count);
        var rejected = new List<RejectedItem>();
        for (var i = 0; i < events.Count; i++)
        {
            var (price, item, reason) = MapEvent(events[i], utcNow);
            if (price is not null) quotes.Add(price);
            else rejected.Add(new RejectedItem(item ?? $"#{i}", reason!));
        }

        return new BinanceFrame(BinanceFrameKind.Tickers, new PriceFetch(quotes, rejected));
    }

    private (CryptoPrice? Price, string? Item, string? Reason) MapEvent(JsonElement e, DateTime utcNow)
    {
        if (e.ValueKind != JsonValueKind.Object) return (null, null, "not an event object");
        var type = String(e, "e");
        if (type is not ("24hrTicker" or "24hrMiniTicker" or "kline")) return (null, String(e, "s"), "unsupported event type");
        if (String(e, "s") is not { Length: > 0 } pair) return (null, null, "missing symbol");
        if (!pair.EndsWith(quoteAsset, StringComparison.Ordinal) || pair.Length == quoteAsset.Length)
        {
            return (null, pair, $"not quoted in {quoteAsset}");
        }

        if (EpochMs(e, "E") is not { } eventMs) return (null, pair, "missing or out-of-range event time");
        return type == "kline" ? MapKline(e, pair, eventMs, utcNow) : MapTicker(e, pair, eventMs, utcNow);
    }

    private (CryptoPrice? Price, string? Item, string? Reason) MapTicker(JsonElement e, string pair, long eventMs, DateTime utcNow)
    {
        if (Decimal(e, "c") is not { } close) return (null, pair, "missing or non-numeric last price");

        // The event's millisecond: the wire's V2 timestamp keeps its second, event_time all of it.
        var time = DateTimeOffset.FromUnixTimeMilliseconds(eventMs).UtcDateTime;
        _tickerTimes[pair] = time;
        // q is the 24 h volume in the quote asset (USDT), both in the full and in the mini ticker.
        return (Quote(pair, close, ChangePercent(e, close), time, utcNow) with { Volume24h = Decimal(e, "q") }, pair, null);
    }

    /// <summary>
    /// A kline update as a quote at its close price, with the base and quote volume traded since the pair's previous kline
    /// quote. The update that closes a kline comes just after its close time (E &gt; T): its price and volume are stamped
    /// with the close time, so that they count to their own minute.
    /// </summary>
    private (CryptoPrice? Price, string? Item, string? Reason) MapKline(JsonElement e, string pair, long eventMs, DateTime utcNow)
    {
        if (!e.TryGetProperty("k", out var k) || k.ValueKind != JsonValueKind.Object) return (null, pair, "missing kline");
        if (Decimal(k, "c") is not { } close) return (null, pair, "missing or non-numeric last price");
        if (EpochMs(k, "t") is not { } openMs || EpochMs(k, "T") is not { } closeMs || closeMs < openMs)
        {
            return (null, pair, "missing or out-of-range kline times");
        }

        if (Amount(k, "v") is not { } baseTotal || Amount(k, "q") is not { } quoteTotal)
        {
            return (null, pair, "missing or negative kline volume");
        }

        if (!_klineVolumes.Observe(pair, openMs, baseTotal, quoteTotal)) return (null, pair, "update of a kline older than the current one");

        var time = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(eventMs, closeMs)).UtcDateTime;
        var quote = Quote(pair, close, null, time, utcNow);
        // A ticker of the same millisecond went out already, and this quote will be dropped as its repeat (by the sink,
        // and by Ingest, which keys on the event time): its volume waits for the next kline quote instead of vanishing.
        if (_tickerTimes.TryGetValue(pair, out var tickerTime) && tickerTime == time) return (quote, pair, null);

        var (volume, quoteVolume) = _klineVolumes.Take(pair);
        return (quote with { Volume = volume, QuoteVolume = quoteVolume }, pair, null);
    }

    private CryptoPrice Quote(string pair, double price, double? changePercent, DateTime time, DateTime utcNow)
    {
        var symbol = pair[..^quoteAsset.Length];
        return new CryptoPrice
        {
            Name = KnownCoins.NameOf(symbol),
            Symbol = symbol,
            Price = price,
            PercentChange24h = changePercent,
            // Binance knows no supply, so no market cap: 0 says "not given", as V2 stored for a missing field.
            MarketCap = 0,
            Source = SourceName,
            Timestamp = time,
            IngestionTimestamp = V2Time.TruncateToMicroseconds(utcNow),
            ProducerId = producerId,
        };
    }

    /// <summary>The full ticker says it (<c>P</c>); the mini ticker gives the open 24 h ago (<c>o</c>) instead.</summary>
    private static double? ChangePercent(JsonElement e, double close)
    {
        if (Decimal(e, "P") is { } percent) return percent;
        return Decimal(e, "o") is { } open && open > 0 ? Math.Round((close - open) / open * 100, 4) : null;
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Unix milliseconds within what a <see cref="DateTime"/> holds.</summary>
    private static long? EpochMs(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms)
            && ms is >= 0 and <= 253_402_300_799_999
            ? ms
            : null;

    /// <summary>A volume: a decimal string, finite and not negative.</summary>
    private static double? Amount(JsonElement e, string name) =>
        Decimal(e, name) is { } value && double.IsFinite(value) && value >= 0 ? value : null;

    /// <summary>Binance sends prices as decimal strings to keep every digit.</summary>
    private static double? Decimal(JsonElement e, string name) =>
        String(e, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
