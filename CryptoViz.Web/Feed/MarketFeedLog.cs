namespace CryptoViz.Web.Feed;

internal static partial class MarketFeedLog
{
    [LoggerMessage(1, LogLevel.Information, "Connected to the Stream SSE feed")]
    public static partial void Connected(ILogger logger);

    [LoggerMessage(2, LogLevel.Warning, "The Stream SSE feed ended; reconnecting in {Delay}")]
    public static partial void StreamEnded(ILogger logger, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "The Stream SSE feed failed; reconnecting in {Delay}")]
    public static partial void StreamFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(4, LogLevel.Warning, "No event from Stream for {IdleTimeout}; reconnecting in {Delay}")]
    public static partial void StreamIdle(ILogger logger, TimeSpan idleTimeout, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "The Stream SSE feed is unreachable ({Reason}); reconnecting in {Delay}")]
    public static partial void StreamUnreachable(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Warning, "Skipped an unreadable SSE event {EventId} from Stream")]
    public static partial void EventRejected(ILogger logger, Exception exception, string? eventId);
}
