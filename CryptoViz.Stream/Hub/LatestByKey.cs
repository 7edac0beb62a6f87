using System.Runtime.InteropServices;

namespace CryptoViz.Stream.Hub;

/// <summary>
/// The snapshot: the latest event per key, which a new client is sent before live events. It holds at most
/// <c>maxKeys</c> keys; a new key past that pushes out the least recently updated one, so a flood of made-up symbols
/// cannot grow it, nor what every new client is sent, without end. Events arrive in id order, so the list kept in
/// update order is in id order too. Not thread-safe: the hub's lock guards it.
/// </summary>
internal sealed class LatestByKey(int maxKeys, StreamTelemetry telemetry)
{
    private readonly Dictionary<string, LinkedListNode<StreamEvent>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<StreamEvent> _byUpdate = new();

    public int Count => _byKey.Count;

    public void Remember(StreamEvent update)
    {
        ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, update.Key, out var known);
        if (known)
        {
            // Moved to the end, not reallocated: a tick of a known key allocates nothing.
            _byUpdate.Remove(node!);
            node!.Value = update;
            _byUpdate.AddLast(node);
            return;
        }

        node = _byUpdate.AddLast(update);
        telemetry.SnapshotKeys.Add(1);
        if (_byKey.Count <= maxKeys) return;

        var oldest = _byUpdate.First!.Value;
        _byUpdate.RemoveFirst();
        _byKey.Remove(oldest.Key);
        telemetry.SnapshotKeys.Add(-1);
        telemetry.SnapshotEvicted.Add(1);
    }

    /// <summary>
    /// What <paramref name="filter"/> lets through, in id order, so a client that drops mid-snapshot and resumes from the
    /// last id it got misses nothing.
    /// </summary>
    public List<StreamEvent> Matching(ClientFilter filter) => [.. _byUpdate.Where(filter.Matches)];
}
