namespace CryptoViz.Stream;

internal static partial class StreamLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Client {ClientId} connected ({Filter}); {InitialEvents} initial events, resumed: {Resumed}")]
    public static partial void ClientConnected(ILogger logger, string clientId, string filter, int initialEvents, bool resumed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Client {ClientId} left")]
    public static partial void ClientLeft(ILogger logger, string clientId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Disconnected slow client {ClientId}: {Reason}, {Pending} events pending")]
    public static partial void SlowClientDisconnected(ILogger logger, string clientId, EnqueueResult reason, int pending);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Skipped invalid record at {Topic} [{Partition}] @{Offset}: {Reason}")]
    public static partial void InvalidRecord(ILogger logger, string topic, int partition, long offset, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Processing the record at {Topic} [{Partition}] @{Offset} failed; the stream goes on")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Consuming failed with {Code}: {Reason}")]
    public static partial void ConsumeFailed(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Assigned {Added} more partition(s) of {Topic} ({Total} in all) as group {GroupId}")]
    public static partial void PartitionsAssigned(ILogger logger, string topic, int added, int total, string groupId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Topic {Topic} is not available yet: {Reason}")]
    public static partial void TopicUnavailable(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Reading metadata of {Topic} failed: {Reason}")]
    public static partial void MetadataFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Test record broadcast to {Clients} client(s)")]
    public static partial void TestBroadcast(ILogger logger, int clients);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Stream:EnableTestEndpoint is set: GET /test broadcasts a fake update to every client")]
    public static partial void TestEndpointEnabled(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Topic {Topic} is not available ({Reason}); prices flow without it, and it is picked up once it appears")]
    public static partial void OptionalTopicUnavailable(ILogger logger, string topic, string reason);
}
