using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Web.Feed;

/// <summary>
/// One SSE event of Stream's <c>/stream</c>: <see cref="Price"/> is set for <c>crypto_update</c>,
/// <see cref="Prediction"/> for <c>prediction</c>, neither for the others.
/// </summary>
public sealed record StreamMessage(string Type, CryptoPrice? Price, Prediction? Prediction = null)
{
    public const string Welcome = "welcome";
    public const string CryptoUpdate = "crypto_update";
    public const string Heartbeat = "heartbeat";
    public const string PredictionType = "prediction";
}
