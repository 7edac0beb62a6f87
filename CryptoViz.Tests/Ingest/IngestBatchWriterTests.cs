using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Ingest;

/// <summary>How Ingest's consume loop cuts batches, driven by a real consumer on the embedded broker into a real DuckDB file.</summary>
public sealed class IngestBatchWriterTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private const int BatchSize = 5;

    [Fact(Timeout = 20_000)]
    public async Task A_full_batch_keeps_growing_while_the_writer_is_busy_and_goes_whole_once_it_is_free()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var topic = $"batch-growth-{Guid.NewGuid():N}";
        kafka.CreateTopic(topic, partitions: 1);
        await ProduceAsync(topic, count: 4 * BatchSize, cancellation);
        using var temp = new TempPriceStore("batch-growth");
        var telemetry = temp.Telemetry();
        using var batches = new StoredPerBatch(telemetry);
        using var deadLetters = kafka.CreateProducer<string, byte[]>();
        var writer = new IngestBatchWriter(temp.Store, new DeadLetterPublisher(deadLetters), new WriterHealth(TimeProvider.System), telemetry,
            Options.Create(new IngestOptions { BatchSize = BatchSize, BatchWindow = TimeSpan.FromMinutes(1) }), Options.Create(new RetentionOptions()),
            TimeProvider.System, NullLogger<IngestBatchWriter>.Instance);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = topic,
            EnableAutoOffsetStore = false,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));

        // The first batch cannot be stored while its table is away: the writer retries it and stays busy.
        temp.Execute("ALTER TABLE crypto_prices RENAME TO crypto_prices_away");
        await Task.Run(() =>
        {
            for (var offered = 0; offered < 4 * BatchSize; offered++)
            {
                writer.Offer(consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("a produced record did not arrive"),
                    consumer, cancellation);
            }
        }, cancellation);
        temp.Execute("ALTER TABLE crypto_prices_away RENAME TO crypto_prices");
        await Task.Run(() =>
        {
            writer.Drain();
            writer.Offer(null, consumer, cancellation);
            writer.Drain();
        }, cancellation);

        Assert.Equal([BatchSize, 3 * BatchSize], batches.Stored);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_writer_that_cannot_store_is_degraded_then_unhealthy_once_stuck_and_healthy_again_once_it_stores()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var topic = $"stuck-writer-{Guid.NewGuid():N}";
        kafka.CreateTopic(topic, partitions: 1);
        await ProduceAsync(topic, count: BatchSize, cancellation);
        using var temp = new TempPriceStore("stuck-writer");
        using var deadLetters = kafka.CreateProducer<string, byte[]>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var health = new WriterHealth(clock);
        var options = Options.Create(new IngestOptions { BatchSize = BatchSize, BatchWindow = TimeSpan.FromMinutes(1) });
        var check = new WriterHealthCheck(health, options, clock);
        var writer = new IngestBatchWriter(temp.Store, new DeadLetterPublisher(deadLetters), health, temp.Telemetry(), options,
            Options.Create(new RetentionOptions()), TimeProvider.System, NullLogger<IngestBatchWriter>.Instance);
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers, GroupId = topic, EnableAutoOffsetStore = false, FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, 0, Offset.Beginning));
        var before = await StatusAsync(check);

        // A full batch the database refuses (its table is away), retried in the background.
        temp.Execute("ALTER TABLE crypto_prices RENAME TO crypto_prices_away");
        await Task.Run(() =>
        {
            for (var offered = 0; offered < BatchSize; offered++)
            {
                writer.Offer(consumer.Consume(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("a produced record did not arrive"),
                    consumer, cancellation);
            }
        }, cancellation);
        var failing = await Eventually.GetAsync(() => StatusAsync(check).ContinueWith(t => (HealthStatus?)t.Result), s => s == HealthStatus.Degraded,
            TimeSpan.FromSeconds(20), "the writer degraded");
        clock.Advance(options.Value.StuckAfter);
        var stuck = await StatusAsync(check);
        temp.Execute("ALTER TABLE crypto_prices_away RENAME TO crypto_prices");
        var recovered = await Eventually.GetAsync(() => StatusAsync(check).ContinueWith(t => (HealthStatus?)t.Result), s => s == HealthStatus.Healthy,
            TimeSpan.FromSeconds(20), "the writer storing again");

        Assert.Equal((HealthStatus.Healthy, HealthStatus.Degraded, HealthStatus.Unhealthy, HealthStatus.Healthy), (before, failing, stuck, recovered));
        Assert.Equal(BatchSize, await new PriceQueries(temp.Store).CountRowsAsync(cancellation));
    }

    private static async Task<HealthStatus> StatusAsync(WriterHealthCheck check) =>
        (await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken)).Status;

    private async Task ProduceAsync(string topic, int count, CancellationToken cancellationToken)
    {
        using var producer = kafka.CreateProducer<string, byte[]>();
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var price = new CryptoPrice
            {
                Name = "Bitcoin",
                Symbol = "BTC",
                Price = 100 + i,
                MarketCap = 1e9,
                Source = "binance",
                Timestamp = now.AddSeconds(i - count),
                IngestionTimestamp = now,
                ProducerId = "test",
            };
            await producer.ProduceAsync(topic, new Message<string, byte[]>
            {
                Key = MessageKey.For(price),
                Value = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice),
            }, cancellationToken);
        }
    }

    /// <summary>The rows each stored batch added, from this writer's own <c>cryptoviz.ingest.stored</c> counter.</summary>
    private sealed class StoredPerBatch : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<long> _stored = new();

        public StoredPerBatch(IngestTelemetry telemetry)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, telemetry.Stored)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, rows, _, _) => _stored.Enqueue(rows));
            _listener.Start();
        }

        public long[] Stored => [.. _stored];

        public void Dispose() => _listener.Dispose();
    }
}
