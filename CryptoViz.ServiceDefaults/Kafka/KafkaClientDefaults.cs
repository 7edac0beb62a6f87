using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoViz.ServiceDefaults.Kafka;

/// <summary>What the package does for every client after <c>configureBuilder</c>: a log bridge and a health check.</summary>
internal static partial class KafkaClientDefaults
{
    public const string LogCategoryName = "Aspire.Confluent.Kafka";

    /// <summary>How long the health check waits for broker metadata (the package's check waits a fixed second).</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Routes librdkafka's log into <see cref="ILogger"/> unless <c>configureBuilder</c> set a handler of its own
    /// (librdkafka allows one): the package then skips its bridge too.
    /// </summary>
    public static void TrySetLogHandler(IServiceProvider services, Action<Action<LogMessage>> setHandler)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategoryName);
        try
        {
            setHandler(m => LibrdkafkaMessage(logger, (LogLevel)m.LevelAs(LogLevelType.MicrosoftExtensionsLogging), m.Facility, m.Name, m.Message));
        }
        catch (InvalidOperationException)
        {
            // A handler is set already.
        }
    }

    public static void AddHealthCheck(IHostApplicationBuilder builder, string name, Func<IServiceProvider, Handle> handle) =>
        // Degraded, not Unhealthy (the package's Xabaril check fails Unhealthy): without its broker a service still
        // answers what it holds (stored rows, open streams), and its client reconnects by itself; liveness and
        // readiness stay up through an outage.
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(name,
            sp => new KafkaClientHealthCheck(() => handle(sp), HealthCheckTimeout), failureStatus: HealthStatus.Degraded, tags: null));

    [LoggerMessage(EventId = 1, Message = "librdkafka {Facility} [{ClientName}]: {KafkaMessage}")]
    private static partial void LibrdkafkaMessage(ILogger logger, LogLevel level, string facility, string clientName, string kafkaMessage);
}
