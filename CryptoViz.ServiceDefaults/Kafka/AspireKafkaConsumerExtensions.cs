using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using CryptoViz.ServiceDefaults.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The consumer half of <c>Aspire.Confluent.Kafka</c> (not served here): the overloads CryptoViz calls, with the
/// package's names, configuration sections, settings and flags. Consumer spans are the services' own
/// (<c>KafkaTelemetry.StartProcess</c>): the package's instrumentation only links them to the producer's.
/// </summary>
public static class AspireKafkaConsumerExtensions
{
    private const string SectionName = "Aspire:Confluent:Kafka:Consumer";

    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings) =>
        builder.AddKafkaConsumer<TKey, TValue>(connectionName, configureSettings, configureBuilder: null);

    public static void AddKafkaConsumer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaConsumerSettings>? configureSettings, Action<IServiceProvider, ConsumerBuilder<TKey, TValue>>? configureBuilder)
    {
        var settings = KafkaClientSettingsBinding.Bind(builder.Configuration, SectionName, connectionName, configureSettings);
        if (string.IsNullOrWhiteSpace(settings.Config.GroupId))
        {
            throw new InvalidOperationException(
                $"A Kafka consumer needs a group id: set {SectionName}:Config:GroupId or Config.GroupId in code.");
        }

        builder.Services.AddSingleton<IConsumer<TKey, TValue>>(sp =>
        {
            var consumerBuilder = new ConsumerBuilder<TKey, TValue>(settings.Config);
            configureBuilder?.Invoke(sp, consumerBuilder);
            KafkaClientDefaults.TrySetLogHandler(sp, logHandler => consumerBuilder.SetLogHandler((_, m) => logHandler(m)));
            return consumerBuilder.Build();
        });

        if (!settings.DisableHealthChecks)
        {
            KafkaClientDefaults.AddHealthCheck(builder, "Aspire.Confluent.Kafka.Consumer",
                sp => sp.GetRequiredService<IConsumer<TKey, TValue>>().Handle);
        }
    }
}
