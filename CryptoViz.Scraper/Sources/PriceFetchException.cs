namespace CryptoViz.Scraper.Sources;

/// <summary>A provider's whole response is unusable. <see cref="Reason"/> is short and fixed (a metric tag).</summary>
public sealed class PriceFetchException(string reason, string detail, TimeSpan? retryAfter = null)
    : Exception($"{reason}: {detail}")
{
    public string Reason { get; } = reason;

    public string Detail { get; } = detail;

    /// <summary>Set on HTTP 429: how long the provider asked us to stay away.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
