using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CryptoViz.Stream.Hub;

/// <summary>
/// Fans every <c>crypto_update</c> out to the connected clients' queues. Ids are one increasing sequence per
/// process, started from the start time so that an id from an earlier run never matches this run's buffer.
/// A lock makes "register with a snapshot or replay" and "publish" atomic to each other, so a client gets
/// every event exactly once; publishing only enqueues, so no client can slow it down.
/// </summary>
public sealed class StreamHub
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, StreamClient> _clients = new(StringComparer.Ordinal);
    private readonly LatestByKey _latest;
    private readonly StreamEvent[] _replay;
    private readonly StreamOptions _options;
    private readonly TimeProvider _time;
    private readonly StreamTelemetry _telemetry;
    private readonly ILogger<StreamHub> _logger;
    private readonly EventRate _rate;

    private int _replayStart;
    private int _replayCount;
    private long _lastId;
    private long _lastClientIdMs;
    private long _messagesSent;
    private long _droppedEvents;
    private long _slowClientsDisconnected;
    private long _lastDataUnixMs;
    private int _admitted;

    public StreamHub(IOptions<StreamOptions> options, TimeProvider time, StreamTelemetry telemetry, ILogger<StreamHub> logger)
    {
        _options = options.Value;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
        _rate = new EventRate(time);
        _replay = new StreamEvent[_options.ReplayBufferSize];
        _latest = new LatestByKey(_options.MaxSnapshotKeys, telemetry);
        StartedAt = time.GetUtcNow();
        _lastId = StartedAt.ToUnixTimeMilliseconds() * 1000;
    }

    public DateTimeOffset StartedAt { get; }

    public int ConnectedClients => _clients.Count;

    /// <summary>
    /// Takes a place for a new client when fewer than <c>MaxClients</c> are taken, in one atomic step: a check of the
    /// client count followed by a later registration let concurrent connects all pass the check.
    /// </summary>
    /// <returns>The place, which the connection frees when it ends; null when all are taken.</returns>
    internal ClientPlace? TryAdmit()
    {
        var admitted = Volatile.Read(ref _admitted);
        while (admitted < _options.MaxClients)
        {
            var seen = Interlocked.CompareExchange(ref _admitted, admitted + 1, admitted);
            if (seen == admitted) return new ClientPlace(this);
            admitted = seen;
        }

        return null;
    }

    internal void Free() => Interlocked.Decrement(ref _admitted);

    internal ClientRegistration Register(ClientFilter filter, long? lastEventId)
    {
        var client = new StreamClient(NextClientId(), filter,
            new ClientQueue(_options.ClientQueueCapacity, _options.SlowClientTimeout, _time));
        List<StreamEvent>? replay = null;
        List<StreamEvent> initial;
        lock (_gate)
        {
            if (lastEventId is { } after && TryReplay(after, filter, out replay)) client.Position = after;
            initial = replay ?? _latest.Matching(filter);
            _clients[client.Id] = client;
        }

        _telemetry.Connected.Add(1);
        return new ClientRegistration(client, initial, replay is not null);
    }

    internal void Unregister(StreamClient client)
    {
        if (!_clients.TryRemove(client.Id, out _)) return;
        _telemetry.Connected.Add(-1);
        Discarded(client.Queue.Close());
    }

    /// <summary>Sends one record to every matching client.</summary>
    /// <returns>How many clients it was queued for.</returns>
    internal int Publish(string symbol, string source, ReadOnlySpan<byte> record, UpdateOrigin origin)
    {
        Span<int> notified = stackalloc int[1];
        PublishAll([HubMessage.Update(symbol, source, record.ToArray(), origin)], notified);
        return notified[0];
    }

    /// <summary>
    /// Sends messages to every matching client, in order, each client's share in a few lock holds of its queue: the
    /// broker hands messages over in bursts, and a lock and a wake-up per message per client cost more than the copy.
    /// <paramref name="notified"/> receives, per message, how many clients it was queued for.
    /// </summary>
    internal void PublishAll(ReadOnlySpan<HubMessage> messages, Span<int> notified)
    {
        if (messages.IsEmpty) return;
        using var activity = StreamTelemetry.Source.StartActivity("stream broadcast");
        var now = _time.GetUtcNow();
        var updates = new StreamEvent[messages.Length];
        notified.Clear();
        var conflated = 0;
        var fromBroker = false;
        List<(StreamClient Client, EnqueueResult Reason)>? behind = null;
        lock (_gate)
        {
            for (var i = 0; i < messages.Length; i++)
            {
                var message = messages[i];
                var id = ++_lastId;
                updates[i] = new StreamEvent(id, message.Type, message.Key, message.Symbol, message.Source, message.Origin,
                    Envelopes.Render(id, message.Type, message.Record.Span, message.Origin, now.UtcDateTime));
                Remember(updates[i], message.Snapshot);
                fromBroker |= message.Origin == UpdateOrigin.Broker;
            }

            foreach (var (_, client) in _clients)
            {
                var result = client.Queue.EnqueueAll(updates, client.Filter, notified, ref conflated);
                if (result is EnqueueResult.Overflow or EnqueueResult.Stalled) (behind ??= []).Add((client, result));
            }
        }

        Discarded(conflated);
        _rate.Record(messages.Length);
        if (fromBroker) Interlocked.Exchange(ref _lastDataUnixMs, now.ToUnixTimeMilliseconds());
        foreach (var (client, reason) in behind ?? [])
        {
            Evict(client, reason);
        }

        activity?.SetTag("cryptoviz.stream.events", messages.Length);
        activity?.SetTag("cryptoviz.stream.first_event_id", updates[0].Id);
    }

    /// <summary>Counts <paramref name="count"/> updates written to a client, the last being <paramref name="last"/> (V2's <c>messages_sent</c>).</summary>
    internal void Delivered(StreamClient client, StreamEvent last, int count)
    {
        client.Position = last.Id;
        Interlocked.Add(ref _messagesSent, count);
        _telemetry.Delivered.Add(count);
    }

    internal StreamCounters ReadCounters()
    {
        var slowest = TimeSpan.Zero;
        foreach (var (_, client) in _clients)
        {
            var lag = client.Queue.Lag;
            if (lag > slowest) slowest = lag;
        }

        var lastData = Interlocked.Read(ref _lastDataUnixMs);
        return new StreamCounters(
            _clients.Count,
            Interlocked.Read(ref _messagesSent),
            Interlocked.Read(ref _droppedEvents),
            Interlocked.Read(ref _slowClientsDisconnected),
            _rate.PerSecond(),
            slowest,
            lastData == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(lastData));
    }

    private void Evict(StreamClient client, EnqueueResult reason)
    {
        if (!_clients.TryRemove(client.Id, out _)) return;
        _telemetry.Connected.Add(-1);
        _telemetry.Evicted.Add(1);
        Interlocked.Increment(ref _slowClientsDisconnected);
        var pending = client.Queue.Close();
        Discarded(pending);
        StreamLog.SlowClientDisconnected(_logger, client.Id, reason, pending);
        _ = client.EvictAsync();
    }

    private void Discarded(int count)
    {
        if (count == 0) return;
        Interlocked.Add(ref _droppedEvents, count);
        _telemetry.Dropped.Add(count);
    }

    private void Remember(StreamEvent update, bool snapshot)
    {
        if (_replayCount < _replay.Length)
        {
            _replay[(_replayStart + _replayCount++) % _replay.Length] = update;
        }
        else
        {
            _replay[_replayStart] = update;
            _replayStart = (_replayStart + 1) % _replay.Length;
        }

        // /test records are fake: a page that opens later should not show them as a coin's price.
        if (snapshot) _latest.Remember(update);
    }

    private bool TryReplay(long lastEventId, ClientFilter filter, [NotNullWhen(true)] out List<StreamEvent>? replay)
    {
        // Ids in the buffer are consecutive, so the first missing one is enough to tell whether any is gone.
        var oldest = _replayCount == 0 ? _lastId + 1 : _replay[_replayStart].Id;
        if (lastEventId > _lastId || lastEventId < oldest - 1)
        {
            replay = null;
            return false;
        }

        replay = [];
        for (var i = (int)(lastEventId + 1 - oldest); i < _replayCount; i++)
        {
            var update = _replay[(_replayStart + i) % _replay.Length];
            if (filter.Matches(update)) replay.Add(update);
        }

        return true;
    }

    // V2's "client_<epoch ms>", kept unique by never issuing the same millisecond twice.
    private string NextClientId()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        long issued;
        long last;
        do
        {
            last = Interlocked.Read(ref _lastClientIdMs);
            issued = Math.Max(now, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastClientIdMs, issued, last) != last);

        return $"client_{issued}";
    }
}
