using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// The CryptoViz V2 record, field for field (docs/v2-contract.md#price-record): the value of every message on
/// <see cref="Topics.RawData"/> and <see cref="Topics.Streaming"/>. Extend only additively.
/// </summary>
public sealed record CryptoPrice
{
    public const string CurrentSchemaVersion = "2.0";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("symbol")]
    public required string Symbol { get; init; }

    /// <summary>USD price.</summary>
    [JsonPropertyName("price")]
    public required double Price { get; init; }

    /// <summary>24 h change in %; CoinGecko sends null for some coins.</summary>
    [JsonPropertyName("percent_change_24h")]
    public double? PercentChange24h { get; init; }

    [JsonPropertyName("market_cap")]
    public required double MarketCap { get; init; }

    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>Quote time, UTC, whole seconds on the wire (<c>YYYY-MM-DD HH:MM:SS</c>).</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(V2TimestampConverter))]
    public required DateTime Timestamp { get; init; }

    /// <summary>Publish time, UTC, ISO-8601 without zone as V2 wrote it.</summary>
    [JsonPropertyName("ingestion_timestamp")]
    [JsonConverter(typeof(V2IsoTimestampConverter))]
    public required DateTime IngestionTimestamp { get; init; }

    [JsonPropertyName("producer_id")]
    public required string ProducerId { get; init; }

    /// <summary>
    /// Only on replayed history (<c>source = "replay"</c>): when this price happened originally. <see cref="Timestamp"/>
    /// is the replay's present time, so that replayed ticks read as a live feed.
    /// </summary>
    [JsonPropertyName("original_timestamp")]
    [JsonConverter(typeof(V2TimestampConverter))]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? OriginalTimestamp { get; init; }

    [JsonPropertyName("schema_version")]
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>
    /// The quote's time as precisely as its source gives it (ISO-8601, UTC, microseconds): V2's <see cref="Timestamp"/> has
    /// whole seconds on the wire, so two quotes of one coin within a second would be one. Additive (V2 clients ignore
    /// it); a V2 record without it reads as its <see cref="Timestamp"/>, and a record built without it writes it from
    /// <see cref="Timestamp"/>, which producers hold at full precision.
    /// </summary>
    [JsonPropertyName("event_time")]
    [JsonConverter(typeof(V2IsoTimestampConverter))]
    public DateTime EventTime
    {
        get => _eventTime ?? Timestamp;
        // The generated deserializer sets every init member, absent ones to default: that is "not given".
        init => _eventTime = value == default ? null : value;
    }

    /// <summary>
    /// Base-asset units traded in the interval this quote closes (since the same series' previous quote), when the source
    /// knows it: summed per candle, so a bucket's volume is what traded in it. Ours, additive; null (left out) when unknown.
    /// </summary>
    [JsonPropertyName("volume")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Volume { get; init; }

    /// <summary>The same interval's volume in the quote currency (USD, or USDT for Binance's pairs).</summary>
    [JsonPropertyName("quote_volume")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? QuoteVolume { get; init; }

    /// <summary>The rolling 24 h volume in USD as the provider reports it: a level, never summed.</summary>
    [JsonPropertyName("volume_24h")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Volume24h { get; init; }

    /// <summary>What the wire said, for <see cref="CryptoPriceJson"/>, so that its records equal the serializer's.</summary>
    [JsonIgnore]
    internal DateTime? ExplicitEventTime
    {
        get => _eventTime;
        init => _eventTime = value;
    }

    private readonly DateTime? _eventTime;
}
