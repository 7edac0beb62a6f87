using System.Text.Json;
using System.Text.Json.Serialization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>Reads any ISO-like time, writes V2's scrape format <c>YYYY-MM-DD HH:MM:SS</c>.</summary>
public sealed class V2TimestampConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        V2TimeJson.Read(ref reader, "timestamp");

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[V2Time.MaxLength];
        writer.WriteStringValue(utf8[..V2Time.FormatScrape(value, utf8)]);
    }
}
