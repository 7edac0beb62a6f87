using System.Diagnostics.Metrics;
using Confluent.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// Sustained ingest: the same pre-produced records read from the embedded broker, bare, through Ingest's own
/// IngestBatchWriter and PriceStore into a DuckDB file, and the same with Ingest's lake writer running beside it, in turn,
/// --runs times after --warmup unmeasured rounds (issue targets: medians, store ≥ 60 % of bare; the lake's cost, store with
/// lake / store alone, is reported).
/// </summary>
internal static class IngestBenchmark
{
    private const double TargetRatio = 0.60;

    // Average bytes a partition may hold: well under the mock's 5 MiB ring buffer, so nothing is evicted.
    private const long BytesPerPartition = 2L * 1024 * 1024;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var records = args.GetInt("records", 600_000);
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

        // The first runs of a process measure the JIT as much as the code (the first store run was 15–30 % slower than
        // the rest): a long-running Ingest lives in the steady state, so both paths warm up before anything is measured.
        var warmups = args.GetInt("warmup", 1);
        for (var run = 0; run < warmups; run++)
        {
            ConsumeRuns.Bare(broker.BootstrapServers, Topics.RawData, workload.Messages.Count);
            await StoreAsync(broker.BootstrapServers, workload, partitions, lake: false);
            await StoreAsync(broker.BootstrapServers, workload, partitions, lake: true);
        }

        var runs = args.GetInt("runs", 3);
        var bare = new List<ConsumeRun>();
        var store = new List<StoreRun>();
        var withLake = new List<StoreRun>();
        for (var run = 0; run < runs; run++)
        {
            // Alternated, so that all see the same machine; each reads everything in a fresh group.
            bare.Add(ConsumeRuns.Bare(broker.BootstrapServers, Topics.RawData, workload.Messages.Count));
            store.Add(await StoreAsync(broker.BootstrapServers, workload, partitions, lake: false));
            withLake.Add(await StoreAsync(broker.BootstrapServers, workload, partitions, lake: true));
        }

        var bareRate = Median.Of(bare.Select(r => r.Rate));
        var storeRate = Median.Of(store.Select(r => r.Consume.Rate));
        var lakeStoreRate = Median.Of(withLake.Select(r => r.Consume.Rate));
        var ratio = storeRate / bareRate;
        Print(["run", "messages", "msg/s, each run", "median msg/s"],
        [
            ["produce (idempotent, acks=all, linger 5 ms)", N(workload.Messages.Count), N(workload.Messages.Count / produced.TotalSeconds), ""],
            ["(a) bare consume + StoreOffset", N(workload.Messages.Count), string.Join(" / ", bare.Select(r => N(r.Rate))), N(bareRate)],
            ["(b) consume → validate → DuckDB (IngestBatchWriter + PriceStore)", N(workload.Messages.Count),
                string.Join(" / ", store.Select(r => N(r.Consume.Rate))), N(storeRate)],
            ["(c) as (b), with the lake writer beside it (its own group)", N(workload.Messages.Count),
                string.Join(" / ", withLake.Select(r => N(r.Consume.Rate))), N(lakeStoreRate)],
            ["(c) the lake: every offset in a committed segment", N(workload.Messages.Count),
                string.Join(" / ", withLake.Select(r => N(workload.Messages.Count / r.Lake!.Value.Elapsed.TotalSeconds))), ""],
        ]);
        var stored = store.Concat(withLake).All(r => r.Rows == workload.DistinctRecords && r.Distinct == r.Rows)
            && withLake.All(r => r.Lake!.Value.Rows == workload.DistinctRecords && r.Lake.Value.Distinct == r.Lake.Value.Rows);
        Print(["check", "value", "target", "result"],
        [
            ["store rate / bare rate (medians)", N(ratio * 100, "N0") + " %", $"≥ {TargetRatio * 100:N0} %", ratio >= TargetRatio ? "pass" : "FAIL"],
            ["CPU per message, run a / run b (µs, whole process)", string.Join(" / ", bare.Zip(store, (a, b) => $"{a.CpuMicrosecondsPerMessage:N1} : {b.Consume.CpuMicrosecondsPerMessage:N1}")), "", ""],
            ["GC pauses (share of run a)", string.Join(" / ", bare.Select(r => Share(r.GcPause, r.Elapsed))), "", ""],
            ["GC pauses (share of run b)", string.Join(" / ", store.Select(r => Share(r.Consume.GcPause, r.Consume.Elapsed))), "", ""],
            ["writer busy (share of run b)", string.Join(" / ", store.Select(r => Share(r.WriterBusy, r.Consume.Elapsed))), "", ""],
            ["batches stored in run b (mean messages)", string.Join(" / ", store.Select(r => $"{r.Batches} ({N(r.Consume.Messages / (double)r.Batches)})")), "", ""],
            ["store rate with the lake / without (medians)", N(lakeStoreRate / storeRate * 100, "N0") + " %", "", ""],
            ["CPU per message, run b / run c (µs, whole process)", string.Join(" / ", store.Zip(withLake, (b, c) => $"{b.Consume.CpuMicrosecondsPerMessage:N1} : {c.Consume.CpuMicrosecondsPerMessage:N1}")), "", ""],
            ["rows stored, every run", string.Join(" / ", store.Concat(withLake).Select(r => N(r.Rows))), N(workload.DistinctRecords), stored ? "pass" : "FAIL"],
            ["lake rows (distinct keys), every run c", string.Join(" / ", withLake.Select(r => $"{N(r.Lake!.Value.Rows)} ({N(r.Lake.Value.Distinct)})")), N(workload.DistinctRecords), stored ? "pass" : "FAIL"],
            ["distinct (symbol, source, timestamp)", string.Join(" / ", store.Select(r => N(r.Distinct))), "= rows", stored ? "pass" : "FAIL"],
        ]);
        return stored ? 0 : 1;
    }

    /// <summary>
    /// One store run into a fresh DuckDB file, with the lake writer beside it when asked; the writer's busy time from
    /// Ingest's batch-duration histogram.
    /// </summary>
    private static async Task<StoreRun> StoreAsync(string bootstrap, IngestWorkload workload, int partitions, bool lake)
    {
        var directory = Directory.CreateTempSubdirectory("cryptoviz-bench-");
        try
        {
            var databasePath = Path.Combine(directory.FullName, "bench.duckdb");
            using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            using var deadLetters = new ProducerBuilder<string, byte[]>(EmbeddedKafka.ProducerConfig(bootstrap))
                .SetLogHandler((_, _) => { }).Build();
            var busy = 0.0;
            var batches = 0;
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == IngestTelemetry.Name && instrument.Name == "cryptoviz.ingest.batch.duration") l.EnableMeasurementEvents(instrument);
                },
            };
            listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                busy += seconds;
                batches++;
            });
            listener.Start();

            ConsumeRun consume;
            await using var lakeRun = lake ? await LakeRun.StartAsync(bootstrap, directory.FullName) : null;
            var telemetry = new IngestTelemetry(services.GetRequiredService<IMeterFactory>());
            using (var priceStore = OpenStore(databasePath, telemetry))
            {
                var writer = new IngestBatchWriter(priceStore, new DeadLetterPublisher(deadLetters), new WriterHealth(TimeProvider.System),
                    telemetry, Options.Create(new IngestOptions()),
                    Options.Create(new RetentionOptions()), TimeProvider.System, NullLogger<IngestBatchWriter>.Instance);
                consume = ConsumeRuns.Store(bootstrap, Topics.RawData, workload.Messages.Count, writer);
            }

            var (rows, distinct) = await CountAsync(databasePath);
            LakeResult? lakeResult = null;
            if (lakeRun is not null)
            {
                var elapsed = await lakeRun.CaughtUpAsync(bootstrap, partitions);
                var (lakeRows, lakeDistinct) = await lakeRun.CountAsync();
                lakeResult = new LakeResult(elapsed, lakeRows, lakeDistinct);
            }

            return new StoreRun(consume, TimeSpan.FromSeconds(busy), batches, rows, distinct, lakeResult);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Share(TimeSpan part, TimeSpan whole) => N(part / whole * 100, "N0") + " %";

    private sealed record StoreRun(ConsumeRun Consume, TimeSpan WriterBusy, int Batches, long Rows, long Distinct, LakeResult? Lake);

    /// <summary>How long the lake took from its start to commit every offset, and what it then held.</summary>
    private readonly record struct LakeResult(TimeSpan Elapsed, long Rows, long Distinct);

    private static PriceStore OpenStore(string databasePath, IngestTelemetry telemetry) =>
        new(new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:duckdb", $"DataSource={databasePath}")])
                .Build(),
            Options.Create(new IngestOptions()), telemetry, NullLogger<PriceStore>.Instance);

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
