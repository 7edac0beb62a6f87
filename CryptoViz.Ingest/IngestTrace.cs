namespace CryptoViz.Ingest;

internal static partial class IngestTrace
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

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "A dead letter was not delivered: {Reason}")]
    public static partial void DeadLetterFailed(ILogger logger, string reason);
}
