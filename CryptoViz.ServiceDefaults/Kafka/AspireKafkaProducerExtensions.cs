using Aspire.Confluent.Kafka;
using Confluent.Kafka;
using CryptoViz.ServiceDefaults.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The producer half of <c>Aspire.Confluent.Kafka</c> (not served here): the overloads CryptoViz calls, with the
/// package's names, configuration sections, settings and flags. Deleting this folder and referencing the package is
/// the whole switch; what the services add beyond it (statistics, throttled logs) they hook in through
/// <c>configureBuilder</c>, as the package allows.
/// </summary>
public static class AspireKafkaProducerExtensions
{
    private const string SectionName = "Aspire:Confluent:Kafka:Producer";

    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings) =>
        builder.AddKafkaProducer<TKey, TValue>(connectionName, configureSettings, configureBuilder: null);

    public static void AddKafkaProducer<TKey, TValue>(this IHostApplicationBuilder builder, string connectionName,
        Action<KafkaProducerSettings>? configureSettings, Action<IServiceProvider, ProducerBuilder<TKey, TValue>>? configureBuilder)
    {
        var settings = KafkaClientSettingsBinding.Bind(builder.Configuration, SectionName, connectionName, configureSettings);
        builder.Services.AddSingleton<IProducer<TKey, TValue>>(sp =>
        {
            var producerBuilder = new ProducerBuilder<TKey, TValue>(settings.Config);
            configureBuilder?.Invoke(sp, producerBuilder);
            KafkaClientDefaults.TrySetLogHandler(sp, logHandler => producerBuilder.SetLogHandler((_, m) => logHandler(m)));
            var producer = producerBuilder.Build();
            return settings.DisableTracing ? producer : new TracingProducer<TKey, TValue>(producer);
        });

        if (!settings.DisableHealthChecks)
        {
            KafkaClientDefaults.AddHealthCheck(builder, "Aspire.Confluent.Kafka.Producer",
                sp => sp.GetRequiredService<IProducer<TKey, TValue>>().Handle);
        }
    }
}
