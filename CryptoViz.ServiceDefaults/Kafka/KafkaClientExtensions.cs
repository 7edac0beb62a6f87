using Confluent.Kafka;
using CryptoViz.ServiceDefaults.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The client half of Aspire's Kafka integration (<c>Aspire.Confluent.Kafka</c>, not served here), with the
/// same method names, configuration sections and flags, so switching to the package is a reference change.
/// </summary>
public static class KafkaClientExtensions
{
    private const string ProducerSection = "Aspire:Confluent:Kafka:Producer";
    private const string ConsumerSection = "Aspire:Confluent:Kafka:Consumer";

    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings = null,
        Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var settings = new KafkaProducerSettings();
        Bind(builder.Configuration, ProducerSection, connectionName, settings);
        configureSettings?.Invoke(settings);
        settings.Config.BootstrapServers = RequireConnection(settings.ConnectionString, connectionName, ProducerSection);
        if (!settings.DisableMetrics) settings.Config.StatisticsIntervalMs ??= 5000;

        AddShared(builder);
        builder.Services.AddSingleton<IProducer<TKey, TValue>>(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(KafkaClientLog.CategoryName);
            var throttle = new KafkaLogThrottle(sp.GetService<TimeProvider>() ?? TimeProvider.System);
            var producerBuilder = new ProducerBuilder<TKey, TValue>(settings.Config)
                .SetLogHandler((_, m) => KafkaClientLog.Log(logger, throttle, m))
                .SetErrorHandler((p, e) => KafkaClientLog.Error(logger, throttle, p.Name, e));
            if (!settings.DisableMetrics)
            {
                var statistics = sp.GetRequiredService<KafkaClientStatistics>();
                producerBuilder.SetStatisticsHandler((_, json) => statistics.Publish(json));
            }

            configureBuilder?.Invoke(sp, producerBuilder);
            var producer = producerBuilder.Build();
            return settings.DisableTracing ? producer : new TracingProducer<TKey, TValue>(producer);
        });

        if (!settings.DisableHealthChecks)
        {
            AddHealthCheck(builder, "Aspire.Confluent.Kafka.Producer",
                sp => sp.GetRequiredService<IProducer<TKey, TValue>>().Handle, settings.HealthCheckTimeout);
        }
    }

    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings = null,
        Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder = null)
    {
        var settings = new KafkaConsumerSettings();
        Bind(builder.Configuration, ConsumerSection, connectionName, settings);
        configureSettings?.Invoke(settings);
        settings.Config.BootstrapServers = RequireConnection(settings.ConnectionString, connectionName, ConsumerSection);
        if (string.IsNullOrWhiteSpace(settings.Config.GroupId))
        {
            throw new InvalidOperationException(
                $"A Kafka consumer needs a group id: set {ConsumerSection}:Config:GroupId or Config.GroupId in code.");
        }

        if (!settings.DisableMetrics) settings.Config.StatisticsIntervalMs ??= 5000;

        AddShared(builder);
        builder.Services.AddSingleton<IConsumer<TKey, TValue>>(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(KafkaClientLog.CategoryName);
            var throttle = new KafkaLogThrottle(sp.GetService<TimeProvider>() ?? TimeProvider.System);
            var consumerBuilder = new ConsumerBuilder<TKey, TValue>(settings.Config)
                .SetLogHandler((_, m) => KafkaClientLog.Log(logger, throttle, m))
                .SetErrorHandler((c, e) => KafkaClientLog.Error(logger, throttle, c.Name, e));
            if (!settings.DisableMetrics)
            {
                var statistics = sp.GetRequiredService<KafkaClientStatistics>();
                consumerBuilder.SetStatisticsHandler((_, json) => statistics.Publish(json));
            }

            configureBuilder?.Invoke(sp, consumerBuilder);
            return consumerBuilder.Build();
        });

        if (!settings.DisableHealthChecks)
        {
            AddHealthCheck(builder, "Aspire.Confluent.Kafka.Consumer",
                sp => sp.GetRequiredService<IConsumer<TKey, TValue>>().Handle, settings.HealthCheckTimeout);
        }
    }

    private static void AddShared(IHostApplicationBuilder builder) =>
        builder.Services.TryAddSingleton<KafkaClientStatistics>();

    private static void AddHealthCheck(IHostApplicationBuilder builder, string name, Func<IServiceProvider, Handle> handle, TimeSpan timeout) =>
        // Degraded, not Unhealthy: without its broker a service still answers what it holds (stored rows, open
        // streams), and its client reconnects by itself; liveness and readiness stay up through an outage.
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(name,
            sp => new KafkaClientHealthCheck(() => handle(sp), timeout), failureStatus: HealthStatus.Degraded, tags: null));

    private static void Bind<TConfig>(IConfiguration configuration, string sectionName, string connectionName,
        KafkaClientSettings<TConfig> settings) where TConfig : ClientConfig, new()
    {
        var section = configuration.GetSection(sectionName);
        BindSection(section, settings);
        BindSection(section.GetSection(connectionName), settings);
        if (configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ConnectionString = connectionString;
        }
    }

    private static void BindSection<TConfig>(IConfigurationSection section, KafkaClientSettings<TConfig> settings)
        where TConfig : ClientConfig, new()
    {
        section.Bind(settings);
        foreach (var entry in section.GetSection("Config").GetChildren())
        {
            // librdkafka's own dotted names ("fetch.wait.max.ms") pass through as they are.
            if (entry.Key.Contains('.') && entry.Value is not null) settings.Config.Set(entry.Key, entry.Value);
        }
    }

    private static string RequireConnection(string? connectionString, string connectionName, string sectionName) =>
        !string.IsNullOrWhiteSpace(connectionString)
            ? connectionString
            : throw new InvalidOperationException(
                $"A Kafka connection string is required: set ConnectionStrings:{connectionName} or {sectionName}:ConnectionString.");
}
