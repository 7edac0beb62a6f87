using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// One minute of history: the bucket's open time (UTC, on a minute), its prices in USD (or the pair's dollar quote) and
/// what traded in it. A point-in-time price (CoinGecko's <c>market_chart</c>) is a candle whose four prices are equal.
/// </summary>
public sealed record HistoryCandle
{
    [JsonPropertyName("time")]
    public required DateTime Time { get; init; }

    [JsonPropertyName("open")]
    public required double Open { get; init; }

    [JsonPropertyName("high")]
    public required double High { get; init; }

    [JsonPropertyName("low")]
    public required double Low { get; init; }

    [JsonPropertyName("close")]
    public required double Close { get; init; }

    /// <summary>Base-asset units traded in the minute; null (left out) when the provider does not say.</summary>
    [JsonPropertyName("volume")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Volume { get; init; }

    /// <summary>The same in the quote currency.</summary>
    [JsonPropertyName("quote_volume")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? QuoteVolume { get; init; }
}
