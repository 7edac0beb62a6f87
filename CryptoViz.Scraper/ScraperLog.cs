using Confluent.Kafka;

namespace CryptoViz.Scraper;

internal static partial class ScraperLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected {Symbol} from {Source}: {Reason}")]
    public static partial void Rejected(ILogger logger, string symbol, string source, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Broker did not take {Key} on {Topic}: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string key, string topic, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Simulated market ready ({Mode}): {Coins} coins every {Interval}, seed {Seed}; records say source \"simulated\"")]
    public static partial void SimulatedStarted(ILogger logger, SourceMode mode, int coins, TimeSpan interval, int seed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Publishing a tick failed; the next tick goes on")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Producer queue full; dropped {Key} for {Topic}")]
    public static partial void QueueFull(ILogger logger, string key, string topic, ErrorCode code);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Stopping: {Queued} messages still queued after {Bound} of flushing; they are not delivered (history pages come again with the next backfill)")]
    public static partial void FlushIncomplete(ILogger logger, int queued, TimeSpan bound);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Stopping: the producer was disposed before its flush; whatever it still held is not delivered")]
    public static partial void FlushProducerDisposed(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Stopping: the producer's flush failed ({Code}); whatever it still held is not delivered")]
    public static partial void FlushFailed(ILogger logger, ErrorCode code, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Source {Source} polls {BaseUrl} every {Interval} for the top {TopN}")]
    public static partial void SourceStarted(ILogger logger, string source, Uri baseUrl, TimeSpan interval, int topN);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Source {Source} is off: {Reason}")]
    public static partial void SourceDisabled(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "Source {Source}: {Items} items, {Published} published, {Unchanged} unchanged, {Rejected} rejected")]
    public static partial void Fetched(ILogger logger, string source, int items, long published, long unchanged, long rejected);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Fetch from {Source} rejected: {Reason} ({Detail})")]
    public static partial void FetchRejected(ILogger logger, string source, string reason, string detail);

    [LoggerMessage(EventId = 17, Level = LogLevel.Debug, Message = "Fetch from {Source} failed again ({Failures} in a row): {Reason} ({Detail})")]
    public static partial void FetchStillFailing(ILogger logger, string source, int failures, string reason, string detail);

    [LoggerMessage(EventId = 18, Level = LogLevel.Information, Message = "Source {Source} delivers again after {Failures} failed call(s)")]
    public static partial void SourceRecovered(ILogger logger, string source, int failures);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Source {Source} skips this cycle: rate limited until {Until:O}")]
    public static partial void CycleSkipped(ILogger logger, string source, DateTimeOffset until);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Fallback: {Fallback}. {Why}; the offline sources publish, their records say so in \"source\" (replay: real history re-timed to now; simulated: invented prices)")]
    public static partial void FallbackOn(ILogger logger, string fallback, string why);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Real provider(s) {Sources} deliver again; the offline sources stop publishing")]
    public static partial void FallbackOff(ILogger logger, string sources);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Source {Source} streams {Streams} ticker and kline streams from {Endpoint}")]
    public static partial void StreamStarting(ILogger logger, string source, Uri endpoint, int streams);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Source {Source} connected; subscribed to {Streams} streams")]
    public static partial void StreamConnected(ILogger logger, string source, int streams);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Source {Source} lost its stream: {Reason}; reconnecting in {Delay}, and quietly after that until it answers again")]
    public static partial void StreamLost(ILogger logger, string source, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 23, Level = LogLevel.Debug, Message = "Source {Source} reconnect attempt {Attempt} failed: {Reason}; next in {Delay}")]
    public static partial void StreamRetry(ILogger logger, string source, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Source {Source} sent a frame we reject ({Kind}): {Detail}")]
    public static partial void FrameRejected(ILogger logger, string source, CryptoViz.Scraper.Sources.Binance.BinanceFrameKind kind, string detail);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Replay ready ({Mode}): {Symbols} from {Start:O}, {Length} of history at {Speed}x; records say source \"replay\"")]
    public static partial void ReplayReady(ILogger logger, SourceMode mode, string symbols, DateTimeOffset start, TimeSpan length, double speed);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "Replay unavailable, the simulated market stands in for it: cannot read {Paths}: {Reason}")]
    public static partial void ReplayUnavailable(ILogger logger, string paths, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Replay reached the end of its {Length} of history and stops (Loop is off)")]
    public static partial void ReplayEnded(ILogger logger, TimeSpan length);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Backfill is off (Scraper:Backfill:Enabled = false)")]
    public static partial void BackfillOff(ILogger logger);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Backfill: {Series} series lack {Days:0.0} days of history within {Depth}; filling from {Sources}")]
    public static partial void BackfillStarted(ILogger logger, int series, double days, TimeSpan depth, string sources);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Backfill: {Symbol}/{Source} filled {From:O} to {To:O} with {Candles} candles ({Done}/{Total} series)")]
    public static partial void BackfillSeriesDone(ILogger logger, string symbol, string source, DateTime from, DateTime to, long candles, int done, int total);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Backfill: {Symbol}/{Source} could not be filled: {Reason}")]
    public static partial void BackfillSeriesFailed(ILogger logger, string symbol, string source, string reason);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Backfill finished: {Summary} ({Candles} candles in {Elapsed})")]
    public static partial void BackfillFinished(ILogger logger, string summary, long candles, TimeSpan elapsed);

    [LoggerMessage(EventId = 45, Level = LogLevel.Warning, Message = "Backfill cannot ask Ingest what it has; trying again in {Retry}: {Reason}")]
    public static partial void BackfillIngestUnreachable(ILogger logger, TimeSpan retry, string reason);

    [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "History page {Symbol}/{Source} {From:O} to {To:O} rejected before publishing: {Reason}")]
    public static partial void HistoryRejected(ILogger logger, string symbol, string source, DateTime from, DateTime to, string reason);

    [LoggerMessage(EventId = 47, Level = LogLevel.Debug, Message = "Backfill: nothing missing in {Series} live series")]
    public static partial void BackfillNothingMissing(ILogger logger, int series);

    [LoggerMessage(EventId = 50, Level = LogLevel.Debug, Message = "History from {Source} waits {Delay} before its next call, to stay within the provider's rate limit")]
    public static partial void HistoryPaced(ILogger logger, string source, TimeSpan delay);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "History from {Source} rate limited (HTTP 429): waiting {RetryAfter} as asked, then asking once more")]
    public static partial void HistoryRateLimited(ILogger logger, string source, TimeSpan retryAfter);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "History from {Source} for {Symbol}: {Rejected} of {Items} items rejected, e.g. {Reason}")]
    public static partial void HistoryItemsRejected(ILogger logger, string source, string symbol, int rejected, int items, string reason);
}
