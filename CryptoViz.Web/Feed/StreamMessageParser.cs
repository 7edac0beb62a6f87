using System.Text.Json;
using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Web.Feed;

/// <summary>Reads the JSON envelope of a <c>/stream</c> event (seed contract §3).</summary>
public static class StreamMessageParser
{
    /// <exception cref="JsonException">The data is not an envelope with a string <c>type</c>, or a
    /// <c>crypto_update</c> carries no valid record.</exception>
    public static StreamMessage Parse(string data)
    {
        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("The event has no string 'type'.");
        }

        var type = typeElement.GetString()!;
        if (type != StreamMessage.CryptoUpdate)
        {
            // Later types (prediction) and envelope fields are not needed here: skip, don't fail.
            return new StreamMessage(type, null);
        }

        if (!root.TryGetProperty("data", out var dataElement) || dataElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A crypto_update has no 'data' object.");
        }

        var price = dataElement.Deserialize(CryptoVizJsonContext.Default.CryptoPrice)
            ?? throw new JsonException("A crypto_update has a null record.");
        return new StreamMessage(type, price);
    }
}
