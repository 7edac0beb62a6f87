using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Lake;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>Ingest's lake writer alone, on the embedded broker and a temporary lake, in a consumer group of its own.</summary>
internal sealed class LakeWriterRig(EmbeddedKafkaFixture kafka, TempLake lake, LakeOptions options) : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // What a Kafka client's diagnostics need (UseKafkaDiagnostics), as the service registers them.
    private static readonly ServiceProvider s_services =
        new ServiceCollection().AddLogging().AddMetrics().AddSingleton<KafkaClientStatistics>().BuildServiceProvider();
    private LakeWriter? _writer;

    public LakePartitions Partitions { get; } = new();

    public async Task StartAsync()
    {
        options.ConsumerGroup = $"lake-{Guid.NewGuid():N}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(kafka.ServiceConfiguration).Build();
        var lakeOptions = Options.Create(options);
        _writer = new LakeWriter(new LakeConsumerFactory(configuration, lakeOptions, s_services), lake.Layout, Partitions,
            new LakeChanges(), lake.Telemetry, lakeOptions, Options.Create(new RetentionOptions { Enabled = false }), TimeProvider.System,
            NullLogger<LakeWriter>.Instance);
        await _writer.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until every record of the raw and the history topic is in a committed segment.</summary>
    public Task CaughtUpAsync() => CaughtUpAsync(kafka, Partitions);

    public static async Task CaughtUpAsync(EmbeddedKafkaFixture kafka, LakePartitions partitions)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = kafka.BootstrapServers, GroupId = "lake-probe" }).Build();
        var ends = new[] { Topics.RawData, Topics.Candles }
            .SelectMany(topic => Enumerable.Range(0, Topics.SeedPartitions).Select(p => new TopicPartition(topic, p)))
            .ToDictionary(tp => tp, tp => probe.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value);
        await Eventually.GetAsync(() => Task.FromResult<IReadOnlyDictionary<TopicPartition, LakeProgress>?>(partitions.Snapshot()),
            committed => ends.All(end => end.Value == 0 || (committed!.TryGetValue(end.Key, out var last) && last.Committed == end.Value - 1)),
            s_timeout, $"every offset of {Topics.RawData} and {Topics.Candles} ({string.Join(", ", ends)}) in a committed segment");
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not { } writer) return;
        _writer = null;
        await writer.StopAsync(CancellationToken.None);
        writer.Dispose();
    }
}
