using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.EndToEnd;

/// <summary>What the Scraper published to <c>crypto-raw-data</c> from the moment this was made, read back from the broker.</summary>
public sealed class PublishedTicks : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly List<TickIdentity> _read = [];
    private readonly Dictionary<TopicPartition, long> _next;

    public PublishedTicks(string bootstrapServers)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"published-ticks-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, _) => { }).Build();
        var starts = HighWatermarks();
        _next = starts.ToDictionary(start => start.TopicPartition, start => start.Offset.Value);
        _consumer.Assign(starts);
    }

    public IReadOnlyList<TopicPartitionOffset> HighWatermarks()
    {
        using var admin = new DependentAdminClientBuilder(_consumer.Handle).Build();
        var partitions = admin.GetMetadata(Topics.RawData, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        return [.. partitions.Select(p => new TopicPartition(Topics.RawData, p.PartitionId))
            .Select(tp => new TopicPartitionOffset(tp, _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High))];
    }

    /// <summary>Reads every partition up to <paramref name="ends"/>.</summary>
    public void ReadUpTo(IReadOnlyList<TopicPartitionOffset> ends)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (ends.Any(end => _next[end.TopicPartition] < end.Offset.Value))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Topics.RawData} not read up to {string.Join(", ", ends)}");
            if (_consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result) continue;
            _next[result.TopicPartition] = result.Offset.Value + 1;
            var price = System.Text.Json.JsonSerializer.Deserialize(result.Message.Value, CryptoVizJsonContext.Default.CryptoPrice)!;
            _read.Add(TickIdentity.Of(price.Symbol, price.Source, price.Timestamp, price.IngestionTimestamp));
        }
    }

    /// <summary>Distinct ticks whose V2 timestamp lies in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public HashSet<TickIdentity> Between(DateTime from, DateTime to) => [.. _read.Where(t => t.Timestamp >= from && t.Timestamp < to)];

    public void Dispose() => _consumer.Dispose();
}
