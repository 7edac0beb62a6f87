using Confluent.Kafka;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Health;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Scraper.Sources;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Scraper.Sources.Replay;
using CryptoViz.Scraper.Sources.CoinGecko;
using CryptoViz.Scraper.Sources.CoinMarketCap;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Extensions;

public static class Extensions
{
    /// <summary>Provider payloads are tens of kB; anything near this is not a market listing.</summary>
    private const long MaxResponseBytes = 8 * 1024 * 1024;

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
        });

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
        var client = builder.Services.AddHttpClient<TSource>((services, http) =>
            {
                http.BaseAddress = settings(services.GetRequiredService<IOptions<ScraperOptions>>().Value).BaseUrl;
                http.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            .RedactLoggedHeaders([keyHeader]);

        // ServiceDefaults gives every client the standard handler, whose retry waits out a 429's Retry-After
        // (CoinGecko says 119 s) until the 30 s total timeout fires. Replace it with one that leaves 429 to the
        // worker, which skips its cycles until then; everything else keeps the defaults.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; it is the documented way to re-configure one client.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddStandardResilienceHandler(o =>
        {
            var transient = o.Retry.ShouldHandle;
            o.Retry.ShouldHandle = args =>
                args.Outcome.Result?.StatusCode == System.Net.HttpStatusCode.TooManyRequests
                    ? ValueTask.FromResult(false)
                    : transient(args);
            o.Retry.ShouldRetryAfterHeader = false;
        });

        builder.Services.AddTransient<IMarketSource>(services => services.GetRequiredService<TSource>());
        builder.Services.AddHostedService<PriceSourceWorker<TSource>>();
    }
}
