namespace CryptoViz.Ingest;

internal static partial class IngestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "DuckDB store ready at {Path}: {Rows} rows in crypto_prices")]
    public static partial void StoreReady(ILogger logger, string path, long rows);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Stored {Stored} of {Received} records ({Duplicates} duplicates) in {Elapsed} ms")]
    public static partial void BatchStored(ILogger logger, int stored, int received, int duplicates, double elapsed);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejected {Topic}[{Partition}]@{Offset} to the dead-letter topic: {Reason}")]
    public static partial void Rejected(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Storing a batch of {Count} records failed; retrying in {Delay}")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string partitions);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Partitions revoked: {Partitions}; pending batch flushed")]
    public static partial void Revoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Consume error: {Reason}")]
    public static partial void ConsumeError(ILogger logger, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "The dead letter of {Topic}[{Partition}]@{Offset} was not delivered; its batch's offsets wait, retrying in {Delay}")]
    public static partial void DeadLetterFailed(ILogger logger, Exception exception, string topic, int partition, long offset, TimeSpan delay);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Stopping with a batch that could not be stored in time; its offsets are not committed, so the next start consumes it again")]
    public static partial void PendingGivenUp(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "History: stored {Stored} of {Received} candles from {Pages} pages (the rest had a candle already)")]
    public static partial void HistoryStored(ILogger logger, int stored, int received, int pages);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Retention on {Path}: deleted {Expired} rows older than {ExpireBefore:o}, downsampled away {Downsampled} rows before {DownsampleBefore:o}, checkpointed: {Checkpointed}, in {Elapsed} ms")]
    public static partial void RetentionApplied(ILogger logger, string path, long expired, DateTime expireBefore, long downsampled, DateTime downsampleBefore, bool checkpointed, double elapsed);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Retention met a write-write conflict and rolled back; retrying in {Interval}: {Reason}")]
    public static partial void RetentionConflict(ILogger logger, string reason, TimeSpan interval);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Retention failed and rolled back; retrying in {Interval}")]
    public static partial void RetentionFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information, Message = "Retention checkpoint skipped (DuckDB checkpoints on its own later): {Reason}")]
    public static partial void CheckpointSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Retention is disabled (Ingest:Retention:Enabled = false)")]
    public static partial void RetentionDisabled(ILogger logger);

    [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "Rolled up {Candles} one-minute candles; stored candles are final up to {Horizon:o} ({Elapsed} ms)")]
    public static partial void RolledUp(ILogger logger, int candles, DateTime horizon, double elapsed);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Candle rollup rolled back (queries read raw ticks meanwhile); retrying in {Interval}")]
    public static partial void RollupFailed(ILogger logger, Exception exception, TimeSpan interval);
    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Forecasts: published {Forecasts} served forecasts of {Series} series and {Anomalies} anomalies in {Elapsed} ms; {Evaluated} series evaluated afresh since the last run, in {Evaluating} ms")]
    public static partial void ForecastsPublished(ILogger logger, int series, int forecasts, int anomalies, double elapsed, int evaluated, double evaluating);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "A forecast run failed; retrying in {Interval}")]
    public static partial void ForecastRunFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "A {Kind} prediction of {Symbol} was not delivered: {Reason}")]
    public static partial void PredictionNotDelivered(ILogger logger, string kind, string symbol, string reason);

    [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Forecasting is disabled (Ingest:Forecasting:Enabled = false)")]
    public static partial void ForecastingDisabled(ILogger logger);

    [LoggerMessage(EventId = 34, Level = LogLevel.Error, Message = "The models of {Series} failed on its stored history; it is tried again at the next check")]
    public static partial void SeriesEvaluationFailed(ILogger logger, Exception exception, string series);

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "{Path} is held by another Ingest; trying the next slot")]
    public static partial void DatabaseSlotTaken(ILogger logger, string path);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Lake at {Path}: partition {Partition} of {Topic} resumes at {Resume} (last committed: {Committed}; a cut to finish: {Pending})")]
    public static partial void LakeResumed(ILogger logger, string path, string topic, int partition, string resume, long? committed, string? pending);

    [LoggerMessage(EventId = 51, Level = LogLevel.Information, Message = "Lake: partitions revoked: {Partitions}; their open segments are dropped (the next owner writes them)")]
    public static partial void LakeRevoked(ILogger logger, string partitions);

    [LoggerMessage(EventId = 52, Level = LogLevel.Debug, Message = "Lake: segment {Segment} committed: {Rows} rows in {Files} files, {Skipped} records refused, {Duplicates} duplicates, in {Elapsed} ms")]
    public static partial void LakeSegmentWritten(ILogger logger, string segment, long rows, int files, int skipped, int duplicates, double elapsed);

    [LoggerMessage(EventId = 53, Level = LogLevel.Error, Message = "Lake: writing segment {Segment} failed; the lake's consumer waits and tries again in {Delay} (the hot store goes on)")]
    public static partial void LakeSegmentFailed(ILogger logger, Exception exception, string segment, TimeSpan delay);

    [LoggerMessage(EventId = 54, Level = LogLevel.Warning, Message = "Lake consumer: {Reason}")]
    public static partial void LakeConsumerError(ILogger logger, string reason);

    [LoggerMessage(EventId = 55, Level = LogLevel.Information, Message = "Lake: compacted {Inputs} files into {Outputs} in {Elapsed} ms")]
    public static partial void LakeCompacted(ILogger logger, int inputs, int outputs, double elapsed);

    [LoggerMessage(EventId = 56, Level = LogLevel.Warning, Message = "Lake compaction failed; its inputs stay, and it is tried again in {Interval}")]
    public static partial void LakeCompactionFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 57, Level = LogLevel.Information, Message = "Lake copy to bucket {Bucket} at {Endpoint}: {Uploaded} files uploaded, {Deleted} merged away deleted")]
    public static partial void LakeSynced(ILogger logger, string bucket, string endpoint, int uploaded, int deleted);

    [LoggerMessage(EventId = 58, Level = LogLevel.Error, Message = "Lake copy to bucket {Bucket} at {Endpoint} failed; the files stay in the lake and the copy is tried again in {Delay}")]
    public static partial void LakeSyncFailed(ILogger logger, Exception exception, string bucket, string endpoint, TimeSpan delay);

    [LoggerMessage(EventId = 59, Level = LogLevel.Information, Message = "The lake is disabled (Ingest:Lake:Enabled = false)")]
    public static partial void LakeDisabled(ILogger logger);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Lake at {Path}: {Candles} stored candles of {Series} series that the lake lacked published as {Pages} history pages, in {Elapsed} ms")]
    public static partial void LakeSeeded(ILogger logger, string path, int candles, int series, int pages, double elapsed);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "Lake at {Path}: partition {Partition} of {Topic} started over at offset {Offset} (the lake had it up to {Last}: a new broker or a recreated topic); its records are now written as {LakeTopic}, the earlier files stay")]
    public static partial void LakeStartedOver(ILogger logger, string path, string topic, int partition, long offset, long last, string lakeTopic);

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "Lake at {Path}: publishing the stored candles that the lake lacks failed; tried again in {Delay}")]
    public static partial void LakeSeedFailed(ILogger logger, Exception exception, string path, TimeSpan delay);
}
