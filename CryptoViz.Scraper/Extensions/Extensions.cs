using Confluent.Kafka;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Health;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Scraper.Sources.CoinGecko;
using CryptoViz.Scraper.Sources.CoinMarketCap;
using CryptoViz.Scraper.Sources.Replay;
using CryptoViz.Scraper.Sources.Simulated;
using CryptoViz.Scraper.Sources;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.Extensions.Options;

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
            // V2's own clients (kafka-python 2.0.2 without codec libraries) decode gzip but not lz4, snappy or zstd.
            // Configuration (Aspire:Confluent:Kafka:Producer:Config:CompressionType) may pick another codec.
            settings.Config.CompressionType ??= CompressionType.Gzip;
            // The delivery handler needs only the outcome; by default every report copies key, value and headers back.
            settings.Config.DeliveryReportFields = "status";
            // Reports are served by the publishing thread itself (DeliveryReportPoller says why).
            settings.Config.EnableBackgroundPoll = false;
        }, (services, producer) => producer.UseKafkaDiagnostics(services));

        builder.Services.AddOptions<ScraperOptions>()
            .BindConfiguration(ScraperOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ProviderKeyOptions>(ProviderKeyOptions.CoinGecko).BindConfiguration(ProviderKeyOptions.CoinGecko);
        builder.Services.AddOptions<ProviderKeyOptions>(ProviderKeyOptions.CoinMarketCap).BindConfiguration(ProviderKeyOptions.CoinMarketCap);

        builder.AddPriceSource<CoinGeckoSource>(o => o.CoinGecko, CoinGeckoSource.DemoKeyHeader);
        builder.AddPriceSource<CoinMarketCapSource>(o => o.CoinMarketCap, CoinMarketCapSource.ApiKeyHeader);

        builder.Services.AddSingleton<BinanceStreamSource>();
        builder.Services.AddSingleton<IMarketSource>(services => services.GetRequiredService<BinanceStreamSource>());
        builder.Services.AddHostedService<BinanceStreamWorker>();

        builder.Services.AddSingleton<ScraperTelemetry>();
        builder.Services.AddSingleton<QuoteSink>();
        builder.Services.AddSingleton<PricePublisher>();
        builder.Services.AddSingleton<SourceSupervisor>();
        builder.Services.AddHealthChecks().AddCheck<SourcesHealthCheck>(SourcesHealthCheck.Name);
        builder.Services.AddHostedService<ReplayWorker>();
        builder.Services.AddHostedService<SimulatedMarketWorker>();
        builder.Services.AddHostedService<DeliveryReportPoller>();
        builder.Services.AddHostedService<ProducerFlushService>();
        builder.AddBackfill();
        builder.AddProviderHistory();
    }

    /// <summary>
    /// A real provider: its typed HttpClient (base address from its options; the key header redacted from
    /// HttpClient logging), its worker, and its entry in the supervisor's list.
    /// </summary>
    private static void AddPriceSource<TSource>(this IHostApplicationBuilder builder,
        Func<ScraperOptions, PriceProviderOptions> settings, string keyHeader)
        where TSource : class, IPriceSource
    {
        builder.Services.AddHttpClient<TSource>((services, http) =>
            {
                http.BaseAddress = settings(services.GetRequiredService<IOptions<ScraperOptions>>().Value).BaseUrl;
                http.MaxResponseContentBufferSize = ProviderClientExtensions.MaxResponseBytes;
            })
            .RedactLoggedHeaders([keyHeader])
            .WithProviderResilience();

        builder.Services.AddTransient<IMarketSource>(services => services.GetRequiredService<TSource>());
        builder.Services.AddHostedService<PriceSourceWorker<TSource>>();
    }
}
