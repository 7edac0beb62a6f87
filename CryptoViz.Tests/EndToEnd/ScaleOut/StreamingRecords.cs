using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>The records of <c>crypto-streaming</c> as the broker holds them, between two places.</summary>
public static class StreamingRecords
{
    /// <summary>How many records the broker holds after <paramref name="place"/>.</summary>
    public static long Since(string bootstrap, IReadOnlyDictionary<int, long> place)
    {
        using var consumer = BrokerReads.Consumer(bootstrap);
        return Partitions(consumer).Sum(tp =>
            consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value - 1 - place.GetValueOrDefault(tp.Partition.Value, -1));
    }

    /// <summary>Every record after <paramref name="from"/> up to <paramref name="to"/>, in partition then offset order.</summary>
    public static List<string> Between(string bootstrap, IReadOnlyDictionary<int, long> from, IReadOnlyDictionary<int, long> to)
    {
        using var consumer = BrokerReads.Consumer(bootstrap);
        var records = new List<string>();
        foreach (var tp in Partitions(consumer))
        {
            var (after, last) = (from.GetValueOrDefault(tp.Partition.Value, -1), to.GetValueOrDefault(tp.Partition.Value, -1));
            if (last <= after) continue;
            foreach (var result in BrokerReads.Range(consumer, new TopicPartitionOffset(tp, after + 1), last))
            {
                using var record = JsonDocument.Parse(result.Message.Value);
                records.Add(RecordIdentity.Of(record.RootElement));
            }
        }

        return records;
    }

    private static List<TopicPartition> Partitions(IConsumer<string, byte[]> consumer)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        return [.. admin.GetMetadata(Topics.Streaming, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(Topics.Streaming, p.PartitionId)).OrderBy(tp => tp.Partition.Value)];
    }
}
