using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Lake;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// Ingest's own lake writer beside a store run, as Ingest runs it: a consumer group of its own over the same topic,
/// into a lake in the run's folder. Segments are cut at 100,000 offsets (the default) or 1 s (the default minute would
/// hold the last of each partition back for a minute after the store is done).
/// </summary>
internal sealed class LakeRun : IAsyncDisposable
{
    private readonly ServiceProvider _services =
        new ServiceCollection().AddLogging().AddMetrics().AddSingleton<KafkaClientStatistics>().BuildServiceProvider();
    private readonly LakePartitions _partitions = new();
    private readonly LakeLayout _layout;
    private readonly LakeWriter _writer;
    private readonly long _started = Stopwatch.GetTimestamp();

    private LakeRun(string bootstrap, string directory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("ConnectionStrings:kafka", bootstrap),
            new("Aspire:Confluent:Kafka:Consumer:Config:FetchWaitMaxMs", "10"),
            new("Aspire:Confluent:Kafka:Consumer:Config:SessionTimeoutMs", "6000"),
            new("Aspire:Confluent:Kafka:Consumer:Config:HeartbeatIntervalMs", "1000"),
        ]).Build();
        var options = Options.Create(new LakeOptions { ConsumerGroup = $"bench-lake-{Guid.NewGuid():N}", SegmentAge = TimeSpan.FromSeconds(1) });
        _layout = new LakeLayout(Path.Combine(directory, "lake"));
        _writer = new LakeWriter(new LakeConsumerFactory(configuration, options, _services), _layout, _partitions,
            new LakeChanges(), new LakeTelemetry(_services.GetRequiredService<IMeterFactory>()), options, Options.Create(new RetentionOptions()),
            TimeProvider.System, NullLogger<LakeWriter>.Instance);
    }

    public static async Task<LakeRun> StartAsync(string bootstrap, string directory)
    {
        var run = new LakeRun(bootstrap, directory);
        await run._writer.StartAsync(CancellationToken.None);
        return run;
    }

    /// <returns>How long after its start the lake had every offset of the topic in a committed segment.</returns>
    public async Task<TimeSpan> CaughtUpAsync(string bootstrap, int partitions)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(EmbeddedKafka.ConsumerConfig(bootstrap, "bench-lake-watermarks"))
            .SetLogHandler((_, _) => { }).Build();
        var ends = Enumerable.Range(0, partitions).Select(p => new TopicPartition(Topics.RawData, p))
            .ToDictionary(tp => tp, tp => probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value);
        var deadline = Stopwatch.StartNew();
        while (!ends.All(end => _partitions.Snapshot().TryGetValue(end.Key, out var last) && last.Committed == end.Value - 1))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The lake did not catch up within 5 minutes.");
            await Task.Delay(20);
        }

        return Stopwatch.GetElapsedTime(_started);
    }

    /// <summary>Tick rows and distinct keys in the lake, as DuckDB reads it (docs/lake.md#reading-the-lake).</summary>
    public async Task<(long Rows, long Distinct)> CountAsync()
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), count(DISTINCT (symbol, source, event_time))
            FROM read_parquet('{_layout.Root}/ticks/**/*.parquet', hive_partitioning = true)
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        await _services.DisposeAsync();
    }
}
