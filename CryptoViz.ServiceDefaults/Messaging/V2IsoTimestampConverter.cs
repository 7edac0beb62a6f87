using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoViz.ServiceDefaults.Messaging;

/// <summary>Reads any ISO-like time, writes Python's <c>isoformat()</c> shape that V2 used.</summary>
public sealed class V2IsoTimestampConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        V2Time.TryParse(reader.GetString(), out var utc) ? utc : throw new JsonException("ingestion_timestamp is not a date-time");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(V2Time.FormatIso(value));
}
