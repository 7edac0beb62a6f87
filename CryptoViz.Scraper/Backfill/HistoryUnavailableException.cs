namespace CryptoViz.Scraper.Backfill;

/// <summary>A history source cannot serve now; <see cref="RetryAfter"/> says when to ask again, when the provider said.</summary>
public sealed class HistoryUnavailableException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
