using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using CryptoViz.Bench.Stream;
using CryptoViz.Hosting.Kafka;
using CryptoViz.Scraper;
using CryptoViz.Scraper.Extensions;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Scraper.Sources.Replay;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Replay;

/// <summary>
/// The replay source at full speed: the bundled history turned into records and handed to the Scraper's own
/// <see cref="PricePublisher"/> (validation, span, JSON, both topics) with the Scraper's own producer settings, into the
/// embedded broker. Issue target: ≥ 200k ticks/s; produce latency (hand-over → broker ack) from the Scraper's histogram.
/// </summary>
internal static class ReplayBenchmark
{
    private const double Target = 200_000;

    /// <summary>Messages the producer may hold before the run waits: full speed, but nothing dropped for a full queue.</summary>
    private const int MaxInFlight = 400_000;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var seconds = args.GetInt("seconds", 15);
        // The Scraper's default codec unless named (None, Gzip, Snappy, Lz4, Zstd): codecs compare in one invocation each.
        var compression = args.GetString("compression");
        using var broker = EmbeddedKafkaBroker.Start([new KafkaTopic(Topics.RawData, 3), new KafkaTopic(Topics.Streaming, 3)], NullLogger.Instance);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            ["Aspire:Confluent:Kafka:Producer:Config:queue.buffering.max.messages"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (compression is not null)
        {
            builder.Configuration["Aspire:Confluent:Kafka:Producer:Config:CompressionType"] = compression;
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddApplicationServices();
        using var host = builder.Build();
        var publisher = host.Services.GetRequiredService<PricePublisher>();
        var producer = host.Services.GetRequiredService<IProducer<string, byte[]>>();

        var tape = await ReplayTape.LoadAsync([Path.Combine(AppContext.BaseDirectory, "ReplayData")], CancellationToken.None);
        Console.WriteLine($"replay: {tape.Series.Count} coins, {tape.Length} of 1-minute history, one tick per coin per replayed second, for {seconds} s, " +
                          $"compression: {compression ?? "the Scraper's default"}");

        var latency = new LatencyHistogram();
        long failures = 0;
        using var listener = Listen(latency, () => Interlocked.Increment(ref failures));

        long ticks = 0;
        var step = TimeSpan.FromSeconds(1);
        var position = TimeSpan.Zero;
        var deadline = TimeSpan.FromSeconds(seconds);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var now = DateTime.UtcNow;
            foreach (var quote in tape.At(position, step))
            {
                publisher.Publish(quote.ToRecord(now, "bench-replay"));
                ticks++;
            }

            position = position + step >= tape.Length ? TimeSpan.Zero : position + step;
            if ((ticks & 0xFFF) < tape.Series.Count)
            {
                while (producer.Flush(TimeSpan.Zero) > MaxInFlight) producer.Flush(TimeSpan.FromMilliseconds(20));
            }
        }

        var handedOver = clock.Elapsed;
        producer.Flush(Timeout.InfiniteTimeSpan);
        var delivered = clock.Elapsed;
        var wireBytes = WireBytesPerMessage(producer, host.Services.GetRequiredService<KafkaClientStatistics>(), ticks * 2);

        var rate = ticks / delivered.TotalSeconds;
        Print(["ticks", "messages (2 topics)", "handed over in", "all acked after", "ticks/s", "target", "produce p50", "p99", "max", "failures",
               "bytes sent / message"],
        [[
            N(ticks), N(ticks * 2), $"{handedOver.TotalSeconds:F1} s", $"{delivered.TotalSeconds:F1} s", N(rate),
            rate >= Target ? "≥ 200k: met" : "≥ 200k: NOT met",
            $"{latency.PercentileMs(0.5):F1} ms", $"{latency.PercentileMs(0.99):F1} ms", $"{latency.MaxMs:F0} ms", N(Interlocked.Read(ref failures)),
            wireBytes is { } bytes ? $"{bytes:F0}" : "n/a",
        ]]);
        return 0;
    }

    /// <summary>
    /// What the codec leaves of a message on the wire: librdkafka's bytes sent to the broker (requests included) over
    /// its messages sent, from the first statistics report that counts them all (the Scraper's client reports every 5 s).
    /// </summary>
    private static double? WireBytesPerMessage(IProducer<string, byte[]> producer, KafkaClientStatistics statistics, long messages)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            producer.Poll(TimeSpan.FromMilliseconds(200));
            if (statistics.Latest.Values.FirstOrDefault(s => s.Type == "producer") is { } report && report.TransmittedMessages >= messages)
            {
                return (double)report.TransmittedBytes / report.TransmittedMessages;
            }
        }

        return null;
    }

    /// <summary>The Scraper's produce-duration histogram and delivery-failure counter, sample by sample.</summary>
    private static MeterListener Listen(LatencyHistogram latency, Action failed)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ScraperTelemetry.Name
                    && instrument.Name is "cryptoviz.scraper.produce.duration" or "cryptoviz.scraper.delivery_failures")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => latency.Record(0, (long)(seconds * Stopwatch.Frequency)));
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => failed());
        listener.Start();
        return listener;
    }
}
