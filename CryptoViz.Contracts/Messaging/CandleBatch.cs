using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// A page of one series' history on <see cref="Topics.Candles"/>, keyed by <see cref="MessageKey"/>: 1-minute candles
/// from a provider's history API (or an offline source's past) for [<see cref="From"/>, <see cref="To"/>). History has a
/// path of its own because V2's topics carry live quotes only: a V2 client must never read an old price as a new one.
/// The range says what the page covers even where it has no candle (a provider's outage, a coin not yet listed,
/// hourly points), so that a backfill never asks for it again.
/// </summary>
public sealed record CandleBatch
{
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>The most candles one message carries: a week of minutes is 11 messages, each well under Kafka's 1 MB.</summary>
    public const int MaxCandles = 1_000;

    [JsonPropertyName("symbol")]
    public required string Symbol { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>Start of the covered range, UTC, on a minute.</summary>
    [JsonPropertyName("from")]
    public required DateTime From { get; init; }

    /// <summary>End of the covered range (exclusive), UTC, on a minute.</summary>
    [JsonPropertyName("to")]
    public required DateTime To { get; init; }

    /// <summary>In time order, one per minute at most, each within [From, To).</summary>
    [JsonPropertyName("candles")]
    public required IReadOnlyList<HistoryCandle> Candles { get; init; }

    [JsonPropertyName("producer_id")]
    public required string ProducerId { get; init; }

    /// <summary>When the page was published, UTC.</summary>
    [JsonPropertyName("ingestion_timestamp")]
    public required DateTime IngestionTimestamp { get; init; }

    [JsonPropertyName("schema_version")]
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
}
