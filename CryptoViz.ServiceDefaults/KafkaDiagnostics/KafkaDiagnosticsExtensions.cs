using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

/// <summary>
/// What CryptoViz adds to a Kafka client beyond <c>Aspire.Confluent.Kafka</c>: librdkafka's statistics as metrics and
/// lag (<see cref="KafkaClientStatistics"/>), and logs and errors whose repeats are held back during an outage
/// (<see cref="KafkaLogThrottle"/>). Hooked in through the package's <c>configureBuilder</c>; the package then skips its
/// own log bridge and statistics handler (librdkafka takes one of each).
/// </summary>
public static class KafkaDiagnosticsExtensions
{
    public static ProducerBuilder<TKey, TValue> UseKafkaDiagnostics<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, IServiceProvider services)
    {
        var (logger, throttle, statistics) = Resolve(services);
        return builder
            .SetLogHandler((_, m) => KafkaClientLog.Log(logger, throttle, m))
            .SetErrorHandler((p, e) => KafkaClientLog.Error(logger, throttle, p.Name, e))
            .SetStatisticsHandler((_, json) => statistics.Publish(json));
    }

    public static ConsumerBuilder<TKey, TValue> UseKafkaDiagnostics<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, IServiceProvider services)
    {
        var (logger, throttle, statistics) = Resolve(services);
        return builder
            .SetLogHandler((_, m) => KafkaClientLog.Log(logger, throttle, m))
            .SetErrorHandler((c, e) => KafkaClientLog.Error(logger, throttle, c.Name, e))
            .SetStatisticsHandler((_, json) => statistics.Publish(json));
    }

    private static (ILogger Logger, KafkaLogThrottle Throttle, KafkaClientStatistics Statistics) Resolve(IServiceProvider services) =>
        (services.GetRequiredService<ILoggerFactory>().CreateLogger(KafkaClientLog.CategoryName),
            new KafkaLogThrottle(services.GetService<TimeProvider>() ?? TimeProvider.System),
            services.GetRequiredService<KafkaClientStatistics>());
}
