using System.Diagnostics;
using Confluent.Kafka;
using CryptoViz.Ingest.Services;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// The two consume loops compared. Each reads the whole topic in a fresh group; the clock starts at the
/// first message, so the group join (a mock artefact, docs/embedded-broker.md#consumer-groups-and-restarts) is not counted.
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
            else
            {
                clock.ThrowIfStalled();
            }
        }

        var run = clock.Finish();
        consumer.Close();
        return run;
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
            var result = consumer.Consume(writer.TimeUntilDue(idle));
            writer.Offer(result, consumer, CancellationToken.None);
            if (result is { IsPartitionEOF: false, Message: not null }) clock.Tick();
            else clock.ThrowIfStalled();
        }

        writer.Submit(consumer, CancellationToken.None);
        writer.Drain();
        var run = clock.Finish();
        consumer.Close();
        return run;
    }

    private static IConsumer<string, byte[]> Build(string bootstrap, string groupPrefix) =>
        new ConsumerBuilder<string, byte[]>(EmbeddedKafka.ConsumerConfig(bootstrap, $"{groupPrefix}-{Guid.NewGuid():N}"))
            .SetLogHandler((_, _) => { })
            .Build();

    /// <summary>Reads the clock at the first message and when a poll times out, not per message (the loops run per message).</summary>
    private sealed class RunClock
    {
        private long _first;
        private TimeSpan _pauseAtFirst;
        private TimeSpan _cpuAtFirst;
        private long _progressAt = Stopwatch.GetTimestamp();
        private int _countAtProgress;

        public int Count { get; private set; }

        public ConsumeRun Finish() =>
            new(Count, Stopwatch.GetElapsedTime(_first), GC.GetTotalPauseDuration() - _pauseAtFirst, Environment.CpuUsage.TotalTime - _cpuAtFirst);

        public void Tick()
        {
            if (Count++ > 0) return;
            _first = Stopwatch.GetTimestamp();
            _pauseAtFirst = GC.GetTotalPauseDuration();
            _cpuAtFirst = Environment.CpuUsage.TotalTime;
        }

        public void ThrowIfStalled()
        {
            if (Count != _countAtProgress)
            {
                (_countAtProgress, _progressAt) = (Count, Stopwatch.GetTimestamp());
                return;
            }

            if (Stopwatch.GetElapsedTime(_progressAt) > s_stallLimit)
                throw new TimeoutException($"No message for {s_stallLimit.TotalSeconds:N0} s after {Count:N0}: retention may have dropped some.");
        }
    }
}

/// <summary>
/// A run's messages, its time from the first message to the last stored, the collector's pauses and the CPU time the
/// whole process (consumer, writer, DuckDB, librdkafka and the embedded broker) used within it.
/// </summary>
internal sealed record ConsumeRun(int Messages, TimeSpan Elapsed, TimeSpan GcPause, TimeSpan Cpu)
{
    public double Rate => Messages / Elapsed.TotalSeconds;

    public double CpuMicrosecondsPerMessage => Cpu.TotalMicroseconds / Messages;
}
