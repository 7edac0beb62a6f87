using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CryptoViz.Stream.Hub;

/// <summary>
/// A place in the broker's log, and the SSE id that names it: per (topic, partition), the offset of the last record at
/// or before it. Every Stream instance reads every partition in a group of its own, so a record has the same offset on
/// each, but partitions interleave differently on each: a count of events per instance names no place that another
/// instance can find, while this vector does. A partition it leaves out is at -1, before its first record.
/// Text: <c>{topic code}{partition}-{offset}</c> per partition, in order, joined by dots, e.g.
/// <c>s0-1841.s1-1790.s2-1802.p0-96</c> (<c>s</c> crypto-streaming, <c>p</c> crypto-predictions). Immutable.
/// </summary>
internal sealed class StreamPosition
{
    private static readonly string[] s_topics = [Topics.Streaming, Topics.Predictions];
    private const string Codes = "sp";

    // In topic-code then partition order, none at -1: the text is canonical, so a parsed id renders back the same.
    private readonly PartitionOffset[] _offsets;

    private StreamPosition(PartitionOffset[] offsets)
    {
        _offsets = offsets;
        Text = Format(offsets);
    }

    /// <summary>Before every record: what a client has before its snapshot.</summary>
    public static StreamPosition Start { get; } = new([]);

    public string Text { get; }

    public IReadOnlyList<PartitionOffset> Offsets => _offsets;

    /// <returns>The offset of the last record of that partition at or before this position; -1 before its first.</returns>
    public long OffsetOf(string topic, int partition)
    {
        foreach (var entry in _offsets)
        {
            if (entry.Partition == partition && entry.Topic == topic) return entry.Offset;
        }

        return -1;
    }

    /// <summary>This position moved past <paramref name="record"/> in its partition; itself when already past it.</summary>
    /// <exception cref="ArgumentException">The record's topic has no code in the ids.</exception>
    public StreamPosition After(PartitionOffset record)
    {
        var at = 0;
        while (at < _offsets.Length && Compare(_offsets[at], record) < 0) at++;
        var known = at < _offsets.Length && Compare(_offsets[at], record) == 0;
        if (known ? _offsets[at].Offset >= record.Offset : record.Offset < 0) return this;

        var offsets = new PartitionOffset[_offsets.Length + (known ? 0 : 1)];
        _offsets.AsSpan(0, at).CopyTo(offsets);
        offsets[at] = record;
        _offsets.AsSpan(known ? at + 1 : at).CopyTo(offsets.AsSpan(at + 1));
        return new StreamPosition(offsets);
    }

    /// <summary>Whether every record at or before <paramref name="other"/> is at or before this position too.</summary>
    public bool Covers(StreamPosition other)
    {
        foreach (var entry in other._offsets)
        {
            if (OffsetOf(entry.Topic, entry.Partition) < entry.Offset) return false;
        }

        return true;
    }

    /// <summary>The least position that covers both.</summary>
    public StreamPosition Union(StreamPosition other)
    {
        var union = this;
        foreach (var entry in other._offsets) union = union.After(entry);
        return union;
    }

    /// <summary>Reads an id as <see cref="Text"/> writes it; anything else (another server's id, an old numeric one) is not a position.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out StreamPosition? position)
    {
        position = null;
        var entries = text.Split('.');
        var offsets = new PartitionOffset[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].AsSpan();
            var dash = entry.IndexOf('-');
            var topic = entry.IsEmpty ? -1 : Codes.IndexOf(entry[0]);
            if (dash < 2 || topic < 0
                || !int.TryParse(entry[1..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                || !long.TryParse(entry[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return false;
            }

            offsets[i] = new PartitionOffset(s_topics[topic], partition, offset);
            if (i > 0 && Compare(offsets[i - 1], offsets[i]) >= 0) return false;
        }

        position = new StreamPosition(offsets);
        return position.Text == text;
    }

    private static int Compare(PartitionOffset a, PartitionOffset b)
    {
        var byTopic = TopicIndex(a.Topic).CompareTo(TopicIndex(b.Topic));
        return byTopic != 0 ? byTopic : a.Partition.CompareTo(b.Partition);
    }

    private static int TopicIndex(string topic) =>
        Array.IndexOf(s_topics, topic) is var index and >= 0 ? index : throw new ArgumentException($"Topic {topic} has no code in SSE ids.", nameof(topic));

    private static string Format(PartitionOffset[] offsets)
    {
        var text = new StringBuilder();
        foreach (var entry in offsets)
        {
            if (text.Length > 0) text.Append('.');
            text.Append(CultureInfo.InvariantCulture, $"{Codes[TopicIndex(entry.Topic)]}{entry.Partition}-{entry.Offset}");
        }

        return text.ToString();
    }
}
