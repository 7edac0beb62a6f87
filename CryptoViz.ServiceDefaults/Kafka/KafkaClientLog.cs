using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CryptoViz.ServiceDefaults.Kafka;

/// <summary>librdkafka's own log and error callbacks, routed into <see cref="ILogger"/> instead of stderr.</summary>
internal static partial class KafkaClientLog
{
    public const string CategoryName = "CryptoViz.Kafka";

    [LoggerMessage(EventId = 1, Message = "librdkafka {Facility} [{ClientName}]: {KafkaMessage}")]
    private static partial void LibrdkafkaMessage(ILogger logger, LogLevel level, string facility, string clientName, string kafkaMessage);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Kafka client {ClientName} reported {Code}: {Reason} (librdkafka retries on its own)")]
    private static partial void TransientError(ILogger logger, string clientName, ErrorCode code, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Kafka client {ClientName} failed fatally with {Code}: {Reason}")]
    private static partial void FatalError(ILogger logger, string clientName, ErrorCode code, string reason);

    public static void Log(ILogger logger, LogMessage message) =>
        LibrdkafkaMessage(logger, ToLogLevel(message.Level), message.Facility, message.Name, message.Message);

    public static void Error(ILogger logger, string clientName, Error error)
    {
        if (error.IsFatal) FatalError(logger, clientName, error.Code, error.Reason);
        else TransientError(logger, clientName, error.Code, error.Reason);
    }

    // librdkafka logs recoverable transport trouble at syslog "error"; it reconnects by itself and real
    // failures surface through the error callback, so "error" is a warning here, not an error line.
    internal static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error or SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
