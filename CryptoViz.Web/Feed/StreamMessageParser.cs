using System.Text.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Web.Feed;

/// <summary>Reads the JSON envelope of a <c>/stream</c> event (docs/v2-contract.md#sse-get-stream, with Stream's <c>prediction</c>).</summary>
public static class StreamMessageParser
{
    /// <exception cref="JsonException">The data is not an envelope with a string <c>type</c>, or a
    /// <c>crypto_update</c> / <c>prediction</c> carries no valid record.</exception>
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
        switch (type)
        {
            case StreamMessage.CryptoUpdate:
                return new StreamMessage(type, DataOf(root, type).Deserialize(CryptoVizJsonContext.Default.CryptoPrice)
                    ?? throw new JsonException("A crypto_update has a null record."));
            case StreamMessage.PredictionType:
                var prediction = DataOf(root, type).Deserialize(CryptoVizJsonContext.Default.Prediction)
                    ?? throw new JsonException("A prediction has a null record.");
                // Stream validates too, but a chart fed a lower bound above its upper one draws nonsense: check here as well.
                return PredictionValidator.Validate(prediction) is { } reason
                    ? throw new JsonException($"An invalid prediction: {reason}.")
                    : new StreamMessage(type, null, prediction);
            default:
                // Later types and envelope fields are not needed here: skip, don't fail.
                return new StreamMessage(type, null);
        }
    }

    private static JsonElement DataOf(JsonElement root, string type) =>
        root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data
            : throw new JsonException($"A {type} has no 'data' object.");
}
