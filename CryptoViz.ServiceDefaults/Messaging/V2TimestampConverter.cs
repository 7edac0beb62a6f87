using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoViz.ServiceDefaults.Messaging;

/// <summary>Reads any ISO-like time, writes V2's scrape format <c>YYYY-MM-DD HH:MM:SS</c>.</summary>
public sealed class V2TimestampConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        V2Time.TryParse(reader.GetString(), out var utc) ? utc : throw new JsonException("timestamp is not a date-time");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(V2Time.FormatScrape(value));
}
