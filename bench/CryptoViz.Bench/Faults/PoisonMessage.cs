using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// A message of <c>--poison-bytes</c> (1 MiB) that is not JSON, on <c>crypto-raw-data</c>. Ingest must dead-letter it, cut to
/// 64 KiB with its size in <c>dlq.value.truncated</c> (too big for the dead-letter producer once headers are added), and
/// go on storing what follows.
/// </summary>
internal sealed class PoisonMessage(int bytes) : FaultScenario
{
    private static readonly TimeSpan s_deadLetterTimeout = TimeSpan.FromSeconds(60);

    private TopicPartitionOffset? _poison;

    public override string Name => $"{bytes / 1024.0 / 1024:0.#} MiB poison message";

    public override async Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        // The producer's own limit (message.max.bytes, 1,000,000 by default) would refuse it before the broker sees it.
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = context.App.Broker.BootstrapServers, MessageMaxBytes = bytes + 64 * 1024,
        }).SetLogHandler((_, _) => { }).Build();
        var value = new byte[bytes];
        Array.Fill(value, (byte)'x');
        var result = await producer.ProduceAsync(Topics.RawData, new Message<string, byte[]> { Key = "POISON_fault-bench", Value = value }, cancellationToken);
        _poison = result.TopicPartitionOffset;
        return new Injection($"{bytes:N0} B of 'x' (not JSON) at {Topics.RawData}[{_poison.Partition.Value}]@{_poison.Offset.Value}", DateTime.UtcNow);
    }

    public override async Task<string?> CheckAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var letters = await Poll.UntilAsync(() => Task.FromResult(context.DeadLetters.All().Where(d => d.Of(_poison!)).ToList()),
            found => found.Count > 0, s_deadLetterTimeout, cancellationToken);
        return letters switch
        {
            [] => $"NO dead letter within {s_deadLetterTimeout.TotalSeconds:N0} s",
            [var letter] => $"dead-lettered as {letter.Bytes:N0} B, dlq.value.truncated = {letter.TruncatedFrom ?? "absent"}",
            _ => $"dead-lettered {letters.Count} times ({string.Join(", ", letters.Select(l => $"{l.Bytes:N0} B"))})",
        };
    }
}
