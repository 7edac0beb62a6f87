using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Web.Feed;

/// <summary>One SSE event of Stream's <c>/stream</c>; <see cref="Price"/> is set for <c>crypto_update</c> only.</summary>
public sealed record StreamMessage(string Type, CryptoPrice? Price)
{
    public const string Welcome = "welcome";
    public const string CryptoUpdate = "crypto_update";
    public const string Heartbeat = "heartbeat";
}
