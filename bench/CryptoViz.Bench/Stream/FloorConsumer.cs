using System.Diagnostics;
using Confluent.Kafka;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// The broker's own produce→consume latency on the same topic and load: a plain consumer with
/// fetch.wait.max.ms 10, assigned at the partitions' ends as Stream's worker is.
/// </summary>
internal static class FloorConsumer
{
    public static void Run(string bootstrap, string topic, MeasureWindow window, LatencyHistogram histogram,
        ManualResetEventSlim assigned, CancellationToken cancellationToken)
    {
        var config = EmbeddedKafka.ConsumerConfig(bootstrap, $"bench-floor-{Guid.NewGuid():N}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<string, byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using (var admin = new DependentAdminClientBuilder(consumer.Handle).Build())
        {
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartition(topic, p.PartitionId)).Select(tp =>
                new TopicPartitionOffset(tp, consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High)));
        }

        assigned.Set();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null } result)
            {
                SendStamp.RecordAll(result.Message.Value, Stopwatch.GetTimestamp(), window, histogram);
            }
        }

        consumer.Close();
    }
}
