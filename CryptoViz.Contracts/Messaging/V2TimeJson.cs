using System.Text.Json;

namespace CryptoViz.Contracts.Messaging;

/// <summary>The read side both time converters share: V2's shapes straight from the UTF-8 bytes, anything else parsed as text.</summary>
internal static class V2TimeJson
{
    public static DateTime Read(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && V2Time.TryParseExact(reader.ValueSpan, out var exact))
        {
            return exact;
        }

        return V2Time.TryParse(reader.GetString(), out var utc) ? utc : throw new JsonException($"{field} is not a date-time");
    }
}
