using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

/// <summary>librdkafka's own log and error callbacks, routed into <see cref="ILogger"/> instead of stderr.</summary>
internal static partial class KafkaClientLog
{
    public const string CategoryName = "CryptoViz.Kafka";

    [LoggerMessage(EventId = 1, Message = "librdkafka {Facility} [{ClientName}]: {KafkaMessage}{HeldBack}")]
    private static partial void LibrdkafkaMessage(ILogger logger, LogLevel level, string facility, string clientName, string kafkaMessage, string heldBack);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Kafka client {ClientName} reported {Code}: {Reason} (librdkafka retries on its own){HeldBack}")]
    private static partial void TransientError(ILogger logger, string clientName, ErrorCode code, string reason, string heldBack);

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Kafka client {ClientName} failed fatally with {Code}: {Reason}")]
    private static partial void FatalError(ILogger logger, string clientName, ErrorCode code, string reason);

    /// <summary>Logs a librdkafka message; warnings and worse of one facility go through <paramref name="throttle"/>.</summary>
    public static void Log(ILogger logger, KafkaLogThrottle throttle, LogMessage message)
    {
        var level = ToLogLevel(message.Level);
        var held = 0;
        if (level >= LogLevel.Warning && !throttle.Admit($"{message.Name}/{message.Facility}", out held)) return;
        LibrdkafkaMessage(logger, level, message.Facility, message.Name, message.Message, HeldBack(held));
    }

    /// <summary>Logs a client error; transient ones of one code go through <paramref name="throttle"/>, fatal ones always.</summary>
    public static void Error(ILogger logger, KafkaLogThrottle throttle, string clientName, Error error)
    {
        if (error.IsFatal) FatalError(logger, clientName, error.Code, error.Reason);
        else if (throttle.Admit($"{clientName}/{error.Code}", out var held)) TransientError(logger, clientName, error.Code, error.Reason, HeldBack(held));
    }

    private static string HeldBack(int held) =>
        held == 0 ? "" : $" ({held} more like it held back in the {KafkaLogThrottle.Window.TotalSeconds:0} s before)";

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
