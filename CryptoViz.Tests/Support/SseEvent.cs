using System.Text.Json;

namespace CryptoViz.Tests.Support;

/// <summary>One dispatched Server-Sent Event, with the fields exactly as its block carried them.</summary>
/// <param name="Id">The block's <c>id:</c> value, or null when it had none.</param>
/// <param name="EventType">The block's <c>event:</c> value, or null when it had none.</param>
/// <param name="Retry">The block's <c>retry:</c> value in milliseconds, or null.</param>
public sealed record SseEvent(string? Id, string? EventType, string Data, int? Retry)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    /// <summary>The JSON <c>type</c> field CryptoViz (like V2) switches on.</summary>
    public string? Type => Json.TryGetProperty("type", out var type) ? type.GetString() : null;
}
