using Confluent.Kafka;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// Reads every partition of one topic from its start on a thread of its own, in no consumer group (nothing to rebalance
/// when services restart), and keeps what <c>map</c> makes of each message, per partition in offset order. It rides out a
/// broker outage as any client does: librdkafka reconnects.
/// </summary>
internal sealed class TopicTail<T> : IDisposable
{
    private static readonly TimeSpan s_queryTimeout = TimeSpan.FromSeconds(10);

    private readonly string _topic;
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly Func<ConsumeResult<string, byte[]>, T> _map;
    private readonly List<(long Offset, T Item)>[] _partitions;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public TopicTail(string bootstrapServers, string topic, int partitions, Func<ConsumeResult<string, byte[]>, T> map)
    {
        _topic = topic;
        _map = map;
        _partitions = [.. Enumerable.Range(0, partitions).Select(_ => new List<(long, T)>())];
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Required by the client, never joined: the partitions are assigned, and nothing is committed.
            GroupId = $"fault-bench-tail-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _thread = new Thread(Run) { IsBackground = true, Name = $"tail {topic}" };
        _thread.Start();
    }

    public int Partitions => _partitions.Length;

    /// <summary>Per partition, the offset after the last message read.</summary>
    public long[] NextOffsets()
    {
        lock (_lock)
        {
            return [.. _partitions.Select(p => p.Count > 0 ? p[^1].Offset + 1 : 0)];
        }
    }

    /// <summary>Per partition, what the broker holds: the oldest offset it still keeps and the next one it will write.</summary>
    public (long Low, long High)[] Watermarks() =>
    [
        .. Enumerable.Range(0, Partitions).Select(p => _consumer.QueryWatermarkOffsets(new TopicPartition(_topic, p), s_queryTimeout))
            .Select(w => (w.Low.Value, w.High.Value)),
    ];

    /// <summary>What was read at offsets from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), per partition.</summary>
    public List<T> Between(long[] from, long[] to)
    {
        lock (_lock)
        {
            return [.. _partitions.SelectMany((items, p) => items.Where(i => i.Offset >= from[p] && i.Offset < to[p]).Select(i => i.Item))];
        }
    }

    /// <summary>Per partition, the last item read that satisfies <paramref name="predicate"/>, with its offset.</summary>
    public (long Offset, T Item)?[] Last(Func<T, bool> predicate)
    {
        lock (_lock)
        {
            return [.. _partitions.Select(items => items.FindLastIndex(i => predicate(i.Item)) is var index and >= 0 ? items[index] : ((long, T)?)null)];
        }
    }

    public List<T> All()
    {
        lock (_lock)
        {
            return [.. _partitions.SelectMany(items => items.Select(i => i.Item))];
        }
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            ConsumeResult<string, byte[]>? result;
            try
            {
                result = _consumer.Consume(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ConsumeException)
            {
                continue; // a topic error or the broker away; the client goes on by itself
            }

            if (result?.Message is null) continue;
            var item = _map(result);
            lock (_lock)
            {
                _partitions[result.Partition.Value].Add((result.Offset.Value, item));
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
    }
}
