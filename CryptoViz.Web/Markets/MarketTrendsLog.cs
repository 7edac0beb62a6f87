namespace CryptoViz.Web.Markets;

internal static partial class MarketTrendsLog
{
    [LoggerMessage(1, LogLevel.Warning, "Could not refresh the stored history (sparklines, 1 h and 24 h changes) from Ingest: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);
}
