using Confluent.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The lake's own consumer of <c>crypto-raw-data</c>: the hot store's consumer settings
/// (<c>Aspire:Confluent:Kafka:Consumer</c>, <c>ConnectionStrings:kafka</c>), in a group of its own. Its offsets are
/// committed for lag monitoring only: where a partition resumes is the lake's own checkpoint.
/// </summary>
internal sealed class LakeConsumerFactory(IConfiguration configuration, IOptions<LakeOptions> options, IServiceProvider services)
{
    private const string ConsumerSection = "Aspire:Confluent:Kafka:Consumer";

    public IConsumer<string, byte[]> Create(
        Func<IConsumer<string, byte[]>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>> assigned,
        Action<IConsumer<string, byte[]>, List<TopicPartitionOffset>> revoked)
    {
        var config = new ConsumerConfig();
        foreach (var section in new[] { configuration.GetSection(ConsumerSection), configuration.GetSection($"{ConsumerSection}:kafka") })
        {
            section.GetSection("Config").Bind(config);
            foreach (var entry in section.GetSection("Config").GetChildren())
            {
                if (entry.Key.Contains('.') && entry.Value is not null) config.Set(entry.Key, entry.Value);
            }
        }

        config.BootstrapServers = configuration.GetConnectionString("kafka") is { Length: > 0 } bootstrap
            ? bootstrap
            : throw new InvalidOperationException("ConnectionStrings:kafka is required for the lake's consumer.");
        config.GroupId = options.Value.ConsumerGroup;
        config.ClientId = "cryptoviz-ingest-lake";
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = true;
        config.EnableAutoOffsetStore = false;
        config.FetchQueueBackoffMs ??= 100;
        // Statistics feed the hot store's consumer metrics only.
        config.StatisticsIntervalMs = 0;

        // The clients' own log and error handlers, so that a broker outage's repeated reports are held back here too.
        return new ConsumerBuilder<string, byte[]>(config)
            .UseKafkaDiagnostics(services)
            .SetPartitionsAssignedHandler(assigned)
            .SetPartitionsRevokedHandler(revoked)
            .Build();
    }
}
