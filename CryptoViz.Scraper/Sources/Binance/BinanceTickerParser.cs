using System.Globalization;
using System.Text.Json;
using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// Reads Binance's market-data frames: <c>24hrTicker</c> and <c>24hrMiniTicker</c> events, raw or in the combined-stream
/// wrapper <c>{"stream":…,"data":…}</c>, single or as an array (<c>!miniTicker@arr</c>). Never throws on input: anything
/// else is an invalid frame or a rejected item with its reason.
/// </summary>
public sealed class BinanceTickerParser(string quoteAsset, string producerId)
{
    public const string SourceName = "binance";

    private static readonly JsonDocumentOptions s_json = new() { MaxDepth = 16 };

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
        if (String(e, "e") is not ("24hrTicker" or "24hrMiniTicker")) return (null, String(e, "s"), "unsupported event type");
        if (String(e, "s") is not { Length: > 0 } pair) return (null, null, "missing symbol");
        if (!pair.EndsWith(quoteAsset, StringComparison.Ordinal) || pair.Length == quoteAsset.Length)
        {
            return (null, pair, $"not quoted in {quoteAsset}");
        }

        if (Decimal(e, "c") is not { } close) return (null, pair, "missing or non-numeric last price");
        if (!e.TryGetProperty("E", out var eventTime) || eventTime.ValueKind != JsonValueKind.Number || !eventTime.TryGetInt64(out var eventMs)
            || eventMs is < 0 or > 253_402_300_799_999)
        {
            return (null, pair, "missing or out-of-range event time");
        }

        var symbol = pair[..^quoteAsset.Length];
        // The event's millisecond: the wire's V2 timestamp keeps its second, event_time all of it.
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(eventMs).UtcDateTime;
        return (new CryptoPrice
        {
            Name = KnownCoins.NameOf(symbol),
            Symbol = symbol,
            Price = close,
            PercentChange24h = ChangePercent(e, close),
            // Binance knows no supply, so no market cap: 0 says "not given", as V2 stored for a missing field.
            MarketCap = 0,
            Source = SourceName,
            Timestamp = timestamp,
            IngestionTimestamp = V2Time.TruncateToMicroseconds(utcNow),
            ProducerId = producerId,
        }, pair, null);
    }

    /// <summary>The full ticker says it (<c>P</c>); the mini ticker gives the open 24 h ago (<c>o</c>) instead.</summary>
    private static double? ChangePercent(JsonElement e, double close)
    {
        if (Decimal(e, "P") is { } percent) return percent;
        return Decimal(e, "o") is { } open && open > 0 ? Math.Round((close - open) / open * 100, 4) : null;
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Binance sends prices as decimal strings to keep every digit.</summary>
    private static double? Decimal(JsonElement e, string name) =>
        String(e, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
