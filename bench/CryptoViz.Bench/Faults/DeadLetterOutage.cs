using System.Text;
using Confluent.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// The dead-letter topic refuses writes (the embedded broker's topic error injection, TopicAuthorizationFailed) while
/// invalid messages arrive on <c>crypto-raw-data</c>. Ingest must hold those messages' offsets (its committed offsets stay
/// at or before them) until the topic takes writes again, then deliver every dead letter. The mock reports the error in
/// metadata only, so it reaches an Ingest whose producer has not written to the topic yet: after <c>poison</c> the
/// topic's metadata would be cached and the writes taken. The row shows Ingest's failed deliveries, from its log.
/// </summary>
internal sealed class DeadLetterOutage(int messages, TimeSpan hold) : FaultScenario
{
    private static readonly TimeSpan s_deliveryTimeout = TimeSpan.FromSeconds(90);

    private readonly List<TopicPartitionOffset> _invalid = [];

    public override string Name => $"dead-letter topic unwritable {hold.TotalSeconds:N0} s";

    public override async Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var broker = context.App.Broker;
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers })
            .SetLogHandler((_, _) => { }).Build();
        broker.SetTopicError(Topics.DeadLetter, ErrorCode.TopicAuthorizationFailed);
        var refused = DateTime.UtcNow;
        var failuresBefore = context.Logs.IngestDeadLetterFailures;
        using var ingest = context.App.CreateHttpClient("ingest");
        var trail = OwnHealth.TrailAsync(ingest, refused, refused + hold, cancellationToken);
        string held;
        try
        {
            // Spread over the first half of the hold, so that some arrive after Ingest's writer has started to wait.
            for (var i = 0; i < messages; i++)
            {
                var value = Encoding.UTF8.GetBytes($"{{\"symbol\": \"BAD{i}\", ");
                var result = await producer.ProduceAsync(Topics.RawData, new Message<string, byte[]> { Key = "INVALID_fault-bench", Value = value }, cancellationToken);
                _invalid.Add(result.TopicPartitionOffset);
                await Task.Delay(hold / 2 / messages, cancellationToken);
            }

            await trail;
            held = Held(broker.BootstrapServers);
        }
        finally
        {
            broker.SetTopicError(Topics.DeadLetter, ErrorCode.NoError);
        }

        return new Injection($"{Topics.DeadLetter} refusing writes for {context.Since(refused):N0} s, {messages} invalid messages meanwhile; " +
                             $"{context.Logs.IngestDeadLetterFailures - failuresBefore} failed dead-letter deliveries in Ingest's log; " +
                             $"Ingest's /health: {await trail}; {held}", DateTime.UtcNow);
    }

    public override async Task<string?> CheckAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var letters = await Poll.UntilAsync(() => Task.FromResult(context.DeadLetters.All().Where(d => _invalid.Any(d.Of)).ToList()),
            found => _invalid.All(i => found.Any(d => d.Of(i))), s_deliveryTimeout, cancellationToken);
        var delivered = _invalid.Count(i => letters.Any(d => d.Of(i)));
        return $"dead letters delivered for {delivered} of {_invalid.Count} invalid messages" +
               (letters.Count > delivered ? $" ({letters.Count - delivered} extra copies)" : "");
    }

    /// <summary>Whether Ingest's group has committed past an invalid message whose dead letter could not be written.</summary>
    private string Held(string bootstrapServers)
    {
        using var probe = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            // Ingest's group, never joined: this only reads its committed offsets.
            BootstrapServers = bootstrapServers, GroupId = new IngestOptions().ConsumerGroup, EnableAutoCommit = false,
        }).SetLogHandler((_, _) => { }).Build();
        var first = _invalid.GroupBy(i => i.TopicPartition).ToDictionary(g => g.Key, g => g.Min(i => i.Offset.Value));
        var committed = probe.Committed(first.Keys, TimeSpan.FromSeconds(10));
        var passed = committed.Where(c => c.Offset.Value > first[c.TopicPartition]).ToList();
        return passed.Count == 0
            ? $"Ingest's committed offsets held at or before the first invalid message of each partition ({string.Join(", ", committed.Select(c => $"[{c.Partition.Value}] {c.Offset.Value} ≤ {first[c.TopicPartition]}"))})"
            : $"Ingest COMMITTED PAST invalid messages: {string.Join(", ", passed.Select(c => $"[{c.Partition.Value}] {c.Offset.Value} > {first[c.TopicPartition]}"))}";
    }
}
