using System.Diagnostics;
using Confluent.Kafka;
using CryptoViz.Ingest.Services;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// The two consume loops compared. Each reads the whole topic in a fresh group; the clock starts at the
/// first message, so the group join (a mock artefact, docs/embedded-broker.md) is not counted.
/// </summary>
internal static class ConsumeRuns
{
    private static readonly TimeSpan s_stallLimit = TimeSpan.FromSeconds(20);

    /// <summary>The floor: consume and mark done, no parsing, no storage.</summary>
    public static ConsumeRun Bare(string bootstrap, string topic, int expected)
    {
        using var consumer = Build(bootstrap, "bench-bare");
        consumer.Subscribe(topic);
        var clock = new RunClock();
        while (clock.Count < expected)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false, Message: not null } result)
            {
                consumer.StoreOffset(result);
                clock.Tick();
            }

            clock.ThrowIfStalled();
        }

        var elapsed = clock.Elapsed;
        consumer.Close();
        return new ConsumeRun(clock.Count, elapsed);
    }

    /// <summary>IngestWorker's loop: validate and batch here while the writer stores earlier batches, then their offsets.</summary>
    public static ConsumeRun Store(string bootstrap, string topic, int expected, IngestBatchWriter writer)
    {
        var idle = TimeSpan.FromMilliseconds(500);
        using var consumer = Build(bootstrap, "bench-store");
        consumer.Subscribe(topic);
        var clock = new RunClock();
        while (clock.Count < expected)
        {
            if (consumer.Consume(writer.TimeUntilDue(idle)) is { IsPartitionEOF: false, Message: not null } result)
            {
                writer.Add(result);
                clock.Tick();
            }

            if (writer.IsDue) writer.Submit(consumer, CancellationToken.None);
            clock.ThrowIfStalled();
        }

        writer.Submit(consumer, CancellationToken.None);
        writer.Drain();
        var elapsed = clock.Elapsed;
        consumer.Close();
        return new ConsumeRun(clock.Count, elapsed);
    }

    private static IConsumer<string, byte[]> Build(string bootstrap, string groupPrefix) =>
        new ConsumerBuilder<string, byte[]>(EmbeddedKafka.ConsumerConfig(bootstrap, $"{groupPrefix}-{Guid.NewGuid():N}"))
            .SetLogHandler((_, _) => { })
            .Build();

    private sealed class RunClock
    {
        private long _first;
        private long _last = Stopwatch.GetTimestamp();

        public int Count { get; private set; }

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_first);

        public void Tick()
        {
            if (Count++ == 0) _first = Stopwatch.GetTimestamp();
            _last = Stopwatch.GetTimestamp();
        }

        public void ThrowIfStalled()
        {
            if (Stopwatch.GetElapsedTime(_last) > s_stallLimit)
                throw new TimeoutException($"No message for {s_stallLimit.TotalSeconds:N0} s after {Count:N0}: retention may have dropped some.");
        }
    }
}

internal sealed record ConsumeRun(int Messages, TimeSpan Elapsed)
{
    public double Rate => Messages / Elapsed.TotalSeconds;
}
