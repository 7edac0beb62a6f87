namespace CryptoViz.Stream.Hub;

/// <summary>
/// The recent broker events that a reconnecting client may resume after, and where this instance stands in each
/// partition. A position resumes here when, in every partition this instance reads, it is at or past the floor: the last
/// offset the buffer evicted, or the one before this instance's first. Offsets need not be consecutive (transaction
/// markers, compaction), so the floor is what was evicted, never a guess at the next offset. Events not from the broker
/// (<c>/test</c>'s) have no place in the log: they are never kept, so a resume never repeats or skips them.
/// Not thread-safe: the hub's lock guards it.
/// </summary>
internal sealed class ReplayBuffer(int capacity)
{
    private readonly StreamEvent[] _events = new StreamEvent[capacity];
    private readonly Dictionary<(string Topic, int Partition), long> _floors = [];
    private int _start;
    private int _count;

    /// <summary>Where the last event read leaves this instance: a new client that gets the snapshot is here.</summary>
    public StreamPosition Frontier { get; private set; } = StreamPosition.Start;

    /// <summary>This instance reads the partition from <paramref name="firstOffset"/> on; what came before it is unknown here.</summary>
    public void Assign(string topic, int partition, long firstOffset)
    {
        var before = firstOffset - 1;
        _floors[(topic, partition)] = Math.Max(before, _floors.GetValueOrDefault((topic, partition), before));
        Frontier = Frontier.After(new PartitionOffset(topic, partition, before));
    }

    /// <summary>Moves past a broker record about to be sent.</summary>
    /// <returns>The record's id: the new frontier.</returns>
    public StreamPosition Advance(PartitionOffset record)
    {
        // A partition never assigned (the worker announces each): nothing before this record is known here.
        _floors.TryAdd((record.Topic, record.Partition), record.Offset - 1);
        return Frontier = Frontier.After(record);
    }

    public void Add(StreamEvent update)
    {
        if (_count < _events.Length)
        {
            _events[(_start + _count++) % _events.Length] = update;
            return;
        }

        var evicted = _events[_start];
        if (evicted.At is { } at) _floors[(at.Topic, at.Partition)] = Math.Max(_floors[(at.Topic, at.Partition)], at.Offset);
        _events[_start] = update;
        _start = (_start + 1) % _events.Length;
    }

    /// <summary>
    /// Every buffered event after <paramref name="after"/> in its own partition that <paramref name="filter"/> lets through,
    /// in the order this instance read them.
    /// </summary>
    /// <returns>Null when they are all here, else why not.</returns>
    public ResumeFailure? TryReplay(StreamPosition after, ClientFilter filter, out List<StreamEvent> replay)
    {
        replay = [];
        foreach (var ((topic, partition), floor) in _floors)
        {
            if (after.OffsetOf(topic, partition) < floor) return ResumeFailure.LeftBuffer;
        }

        foreach (var entry in after.Offsets)
        {
            if (!_floors.ContainsKey((entry.Topic, entry.Partition))) return ResumeFailure.UnknownPartition;
        }

        for (var i = 0; i < _count; i++)
        {
            var update = _events[(_start + i) % _events.Length];
            if (update.At is { } at && at.Offset > after.OffsetOf(at.Topic, at.Partition) && filter.Matches(update)) replay.Add(update);
        }

        return null;
    }
}
