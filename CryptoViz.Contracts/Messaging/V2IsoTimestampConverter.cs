using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>Reads any ISO-like time, writes Python's <c>isoformat()</c> shape that V2 used.</summary>
public sealed class V2IsoTimestampConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        V2TimeJson.Read(ref reader, "ingestion_timestamp");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[V2Time.MaxLength];
        writer.WriteStringValue(utf8[..V2Time.FormatIso(value, utf8)]);
    }
}
