using System.Text.Json;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// Reads the record on the per-message path (Ingest and Stream parse every message), field by field. System.Text.Json's
/// generated code builds a record with <c>required init</c> members through its constructor-argument path, which boxes
/// every value; this costs a quarter as much and gives the same record or the same failure (tests compare the two on
/// arbitrary input). Writing stays with <see cref="CryptoVizJsonContext"/>, whose generated fast path is as quick.
/// </summary>
public static class CryptoPriceJson
{
    private const int Name = 1, Symbol = 2, Price = 4, MarketCap = 8, Source = 16, Timestamp = 32, IngestionTimestamp = 64, ProducerId = 128;
    private const int AllRequired = 255;

    /// <returns>The record, or null for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">Anything that is not one V2 record.</exception>
    public static CryptoPrice? Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ReadRecord(utf8Json);
        }
        catch (InvalidOperationException ex)
        {
            // The reader's complaint about invalid UTF-8 inside a string, which the serializer reports as JsonException too.
            throw new JsonException(ex.Message, ex);
        }
    }

    private static CryptoPrice? ReadRecord(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            End(ref reader);
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected a JSON object, found {reader.TokenType}");

        string? name = null, symbol = null, source = null, producerId = null, schemaVersion = CryptoPrice.CurrentSchemaVersion;
        double price = 0, marketCap = 0;
        double? change = null, volume = null, quoteVolume = null, volume24h = null;
        DateTime timestamp = default, ingestionTimestamp = default;
        DateTime? originalTimestamp = null, eventTime = null;
        var seen = 0;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            if (reader.ValueTextEquals("name"u8)) { name = ReadString(ref reader); seen |= Name; }
            else if (reader.ValueTextEquals("symbol"u8)) { symbol = ReadString(ref reader); seen |= Symbol; }
            else if (reader.ValueTextEquals("price"u8)) { price = ReadDouble(ref reader, "price"); seen |= Price; }
            else if (reader.ValueTextEquals("percent_change_24h"u8)) change = ReadNullableDouble(ref reader, "percent_change_24h");
            else if (reader.ValueTextEquals("market_cap"u8)) { marketCap = ReadDouble(ref reader, "market_cap"); seen |= MarketCap; }
            else if (reader.ValueTextEquals("source"u8)) { source = ReadString(ref reader); seen |= Source; }
            else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadTime(ref reader, "timestamp"); seen |= Timestamp; }
            else if (reader.ValueTextEquals("ingestion_timestamp"u8)) { ingestionTimestamp = ReadTime(ref reader, "ingestion_timestamp"); seen |= IngestionTimestamp; }
            else if (reader.ValueTextEquals("producer_id"u8)) { producerId = ReadString(ref reader); seen |= ProducerId; }
            else if (reader.ValueTextEquals("original_timestamp"u8)) originalTimestamp = ReadNullableTime(ref reader);
            else if (reader.ValueTextEquals("schema_version"u8)) schemaVersion = ReadString(ref reader);
            else if (reader.ValueTextEquals("event_time"u8)) eventTime = ReadTime(ref reader, "event_time");
            else if (reader.ValueTextEquals("volume"u8)) volume = ReadNullableDouble(ref reader, "volume");
            else if (reader.ValueTextEquals("quote_volume"u8)) quoteVolume = ReadNullableDouble(ref reader, "quote_volume");
            else if (reader.ValueTextEquals("volume_24h"u8)) volume24h = ReadNullableDouble(ref reader, "volume_24h");
            else reader.Skip();
        }

        End(ref reader);
        if (seen != AllRequired) throw new JsonException($"missing required properties including: {MissingNames(seen)}");
        return new CryptoPrice
        {
            Name = name!,
            Symbol = symbol!,
            Price = price,
            PercentChange24h = change,
            MarketCap = marketCap,
            Source = source!,
            Timestamp = timestamp,
            IngestionTimestamp = ingestionTimestamp,
            ProducerId = producerId!,
            OriginalTimestamp = originalTimestamp,
            SchemaVersion = schemaVersion!,
            ExplicitEventTime = eventTime,
            Volume = volume,
            QuoteVolume = quoteVolume,
            Volume24h = volume24h,
        };
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new JsonException("the JSON ends early");
    }

    private static void End(ref Utf8JsonReader reader)
    {
        // Anything but white space after the value makes the reader throw, as the serializer does.
        if (reader.Read()) throw new JsonException($"unexpected {reader.TokenType} after the record");
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => SharedStrings.Read(ref reader),
            JsonTokenType.Null => null,
            var other => throw new JsonException($"expected a string, found {other}"),
        };
    }

    private static double ReadDouble(ref Utf8JsonReader reader, string field)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            ? value
            : throw new JsonException($"{field} must be a number, found {reader.TokenType}");
    }

    private static double? ReadNullableDouble(ref Utf8JsonReader reader, string field)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            ? value
            : throw new JsonException($"{field} must be a number or null, found {reader.TokenType}");
    }

    private static DateTime ReadTime(ref Utf8JsonReader reader, string field)
    {
        Next(ref reader);
        return reader.TokenType == JsonTokenType.String
            ? V2TimeJson.Read(ref reader, field)
            : throw new JsonException($"{field} is not a date-time");
    }

    private static DateTime? ReadNullableTime(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null) return null;
        return reader.TokenType == JsonTokenType.String
            ? V2TimeJson.Read(ref reader, "original_timestamp")
            : throw new JsonException("original_timestamp is not a date-time");
    }

    private static string MissingNames(int seen) => string.Join(", ",
        new[] { (Name, "name"), (Symbol, "symbol"), (Price, "price"), (MarketCap, "market_cap"), (Source, "source"),
                (Timestamp, "timestamp"), (IngestionTimestamp, "ingestion_timestamp"), (ProducerId, "producer_id") }
            .Where(f => (seen & f.Item1) == 0).Select(f => $"'{f.Item2}'"));
}
