using Microsoft.Extensions.Logging;

namespace CryptoViz.Hosting.Kafka;

internal static partial class EmbeddedKafkaLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "librdkafka {Facility}: {KafkaMessage}")]
    public static partial void Librdkafka(ILogger logger, string facility, string kafkaMessage);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Embedded broker anchor client: {Reason}")]
    public static partial void AnchorError(ILogger logger, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Embedded Kafka broker (librdkafka mock cluster) listening on {BootstrapServers} with topics {Topics}. Development only: in memory, newest ~5 MiB per partition, gone when the AppHost stops.")]
    public static partial void Started(ILogger logger, string bootstrapServers, string topics);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Kafka broker mode: {Mode} ({Reason})")]
    public static partial void ModeChosen(ILogger logger, KafkaMode mode, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Created topic {Topic} with {Partitions} partitions")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Topic {Topic} already exists")]
    public static partial void TopicExists(ILogger logger, string topic);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Simulated outage: the embedded broker is down for {Duration}")]
    public static partial void OutageStarted(ILogger logger, TimeSpan duration);

    [LoggerMessage(EventId = 107, Level = LogLevel.Information, Message = "Simulated outage over: the embedded broker is up again")]
    public static partial void OutageEnded(ILogger logger);
}
