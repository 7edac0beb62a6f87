using System.Diagnostics.Metrics;
using Confluent.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.Messaging;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// Sustained ingest: the same pre-produced records read twice from the embedded broker, once bare and once
/// through Ingest's own IngestBatchWriter and PriceStore into a DuckDB file (issue target: store ≥ 60 % of bare).
/// </summary>
internal static class IngestBenchmark
{
    private const double TargetRatio = 0.60;

    // Average bytes a partition may hold: well under the mock's 5 MiB ring buffer, so nothing is evicted.
    private const long BytesPerPartition = 2L * 1024 * 1024;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var records = args.GetInt("records", 300_000);
        var workload = IngestWorkload.Create(records, DateTime.UtcNow);
        var partitions = (int)Math.Max(8, workload.TotalBytes / BytesPerPartition + 1);
        Console.WriteLine($"ingest: {workload.Messages.Count:N0} messages ({records:N0} distinct + redeliveries), " +
                          $"{workload.TotalBytes / 1e6:N1} MB, {partitions} partitions of {Topics.RawData}");

        using var broker = EmbeddedKafka.Start(Topics.RawData, partitions);
        var produced = workload.Produce(broker.BootstrapServers, Topics.RawData);
        var retained = Retained(broker.BootstrapServers, partitions);
        if (retained != workload.Messages.Count)
        {
            Console.Error.WriteLine($"The broker retains {retained:N0} of {workload.Messages.Count:N0} messages: use fewer records.");
            return 1;
        }

        var bare = ConsumeRuns.Bare(broker.BootstrapServers, Topics.RawData, workload.Messages.Count);

        var directory = Directory.CreateTempSubdirectory("cryptoviz-bench-");
        try
        {
            var databasePath = Path.Combine(directory.FullName, "bench.duckdb");
            ConsumeRun store;
            long rows, distinct;
            using (var services = new ServiceCollection().AddMetrics().BuildServiceProvider())
            using (var priceStore = OpenStore(databasePath))
            using (var deadLetters = new ProducerBuilder<string, byte[]>(EmbeddedKafka.ProducerConfig(broker.BootstrapServers))
                       .SetLogHandler((_, _) => { }).Build())
            {
                var writer = new IngestBatchWriter(priceStore, new DeadLetterPublisher(deadLetters), deadLetters,
                    new IngestTelemetry(services.GetRequiredService<IMeterFactory>()), Options.Create(new IngestOptions()),
                    TimeProvider.System, NullLogger<IngestBatchWriter>.Instance);
                store = ConsumeRuns.Store(broker.BootstrapServers, Topics.RawData, workload.Messages.Count, writer);
                (rows, distinct) = await CountAsync(databasePath);
            }

            var ratio = store.Rate / bare.Rate;
            Print(["run", "messages", "seconds", "msg/s"],
            [
                ["produce (idempotent, acks=all, linger 5 ms)", N(workload.Messages.Count), N(produced.TotalSeconds, "N2"), N(workload.Messages.Count / produced.TotalSeconds)],
                ["(a) bare consume + StoreOffset", N(bare.Messages), N(bare.Elapsed.TotalSeconds, "N2"), N(bare.Rate)],
                ["(b) consume → validate → DuckDB (IngestBatchWriter + PriceStore)", N(store.Messages), N(store.Elapsed.TotalSeconds, "N2"), N(store.Rate)],
            ]);
            Print(["check", "value", "target", "result"],
            [
                ["store rate / bare rate", N(ratio * 100, "N0") + " %", $"≥ {TargetRatio * 100:N0} %", ratio >= TargetRatio ? "pass" : "FAIL"],
                ["rows stored", N(rows), N(workload.DistinctRecords), rows == workload.DistinctRecords ? "pass" : "FAIL"],
                ["distinct (symbol, source, timestamp)", N(distinct), N(rows), distinct == rows ? "pass" : "FAIL"],
            ]);
            return rows == workload.DistinctRecords && distinct == rows ? 0 : 1;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static PriceStore OpenStore(string databasePath) =>
        new(new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:duckdb", $"DataSource={databasePath}")])
                .Build(),
            NullLogger<PriceStore>.Instance);

    private static long Retained(string bootstrap, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(EmbeddedKafka.ConsumerConfig(bootstrap, "bench-watermarks"))
            .SetLogHandler((_, _) => { }).Build();
        return Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(Topics.RawData, p), TimeSpan.FromSeconds(5)))
            .Sum(w => w.High.Value - w.Low.Value);
    }

    // A second connection in this process shares PriceStore's database instance (DuckDB.NET, same file).
    private static async Task<(long Rows, long Distinct)> CountAsync(string databasePath)
    {
        await using var connection = new DuckDBConnection($"DataSource={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT symbol, source, "timestamp" FROM crypto_prices))
            FROM crypto_prices
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
