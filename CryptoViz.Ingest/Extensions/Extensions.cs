using Confluent.Kafka;
using CryptoViz.Ingest.Anomalies;
using CryptoViz.Ingest.Forecasting;
using CryptoViz.Ingest.Lake;
using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Ingest.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>()
            .BindConfiguration(IngestOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RollupOptions>()
            .BindConfiguration(RollupOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForecastingOptions>()
            .BindConfiguration(ForecastingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var ingest = builder.Configuration.GetSection(IngestOptions.SectionName).Get<IngestOptions>() ?? new IngestOptions();

        builder.AddKafkaConsumer<string, byte[]>("kafka",
            settings =>
            {
                settings.Config.GroupId = ingest.ConsumerGroup;
                settings.Config.ClientId = "cryptoviz-ingest";
                // A new group starts at the beginning: whatever is retained is history worth keeping.
                settings.Config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
                settings.Config.EnableAutoCommit = true;
                settings.Config.EnableAutoOffsetStore = false;
                // librdkafka stops fetching a partition whose local queue is full for this long (default 1 s): a
                // consumer catching up then drains its queue and idles until the next fetch (half the ingest rate).
                settings.Config.FetchQueueBackoffMs ??= 100;
            },
            (services, consumer) => consumer
                .UseKafkaDiagnostics(services)
                .SetPartitionsAssignedHandler((_, partitions) =>
                    IngestLog.Assigned(services.GetRequiredService<ILogger<IngestWorker>>(), string.Join(", ", partitions)))
                .SetPartitionsRevokedHandler((c, partitions) =>
                {
                    // Store what is pending while the partitions are still ours; the next owner dedups the rest.
                    var writer = services.GetRequiredService<IngestBatchWriter>();
                    writer.Submit(c, CancellationToken.None);
                    writer.Drain();
                    IngestLog.Revoked(services.GetRequiredService<ILogger<IngestWorker>>(), string.Join(", ", partitions.Select(p => p.TopicPartition)));
                }));

        // One producer for the dead letters and the predictions.
        builder.AddKafkaProducer<string, byte[]>("kafka", settings =>
        {
            settings.Config.ClientId = "cryptoviz-ingest-dlq";
            settings.Config.EnableIdempotence = true;
            settings.Config.Acks = Acks.All;
        }, (services, producer) => producer.UseKafkaDiagnostics(services));

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, CryptoVizJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, IngestJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, IngestApiJsonContext.Default);
        });
        builder.Services.AddSingleton<IngestTelemetry>();
        builder.Services.AddSingleton<PriceStore>();
        builder.Services.AddSingleton<QueryViews>();
        builder.Services.AddSingleton<PriceQueries>();
        builder.Services.AddSingleton<SeriesQueries>();
        builder.Services.AddSingleton<DeadLetterPublisher>();
        builder.Services.AddSingleton<WriterHealth>();
        builder.Services.AddSingleton<IngestBatchWriter>();
        builder.Services.AddHealthChecks().AddCheck<WriterHealthCheck>(WriterHealthCheck.Name, tags: ["live"]);
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddSingleton<CandleRollupService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CandleRollupService>());
        builder.Services.AddSingleton<ForecastBook>();
        builder.Services.AddSingleton<PredictionPublisher>();
        builder.Services.AddSingleton<AnomalyWatch>();
        builder.Services.AddSingleton<ForecastRunner>();
        builder.Services.AddHostedService<ForecastWorker>();
        builder.AddLake();
    }
}
