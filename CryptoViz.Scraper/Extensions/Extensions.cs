using Confluent.Kafka;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Scraper.Sources;

namespace CryptoViz.Scraper.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddKafkaProducer<string, byte[]>("kafka", settings =>
        {
            settings.Config.ClientId = "cryptoviz-scraper";
            settings.Config.EnableIdempotence = true;
            settings.Config.Acks = Acks.All;
            // V2 (kafka-python) placed keys with Java's murmur2; librdkafka's default partitioner differs.
            settings.Config.Partitioner = Partitioner.Murmur2Random;
        });

        builder.Services.AddOptions<ScraperOptions>()
            .BindConfiguration(ScraperOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<ScraperTelemetry>();
        builder.Services.AddSingleton<PricePublisher>();
        builder.Services.AddHostedService<SimulatedMarketWorker>();
        builder.Services.AddHostedService<ProducerFlushService>();
    }
}
