namespace CryptoViz.Web.Markets;

internal static partial class MarketTrendsTrace
{
    [LoggerMessage(1, LogLevel.Warning, "Could not refresh the 1 h changes and sparklines from Ingest: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Debug, "No 24 h candles of {Symbol} from {Source} for its sparkline: {Reason}")]
    public static partial void SparklineFailed(ILogger logger, string symbol, string source, string reason);
}
