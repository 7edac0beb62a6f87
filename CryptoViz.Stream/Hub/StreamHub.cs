using System.Collections.Concurrent;

namespace CryptoViz.Stream.Hub;

/// <summary>
/// Fans every <c>crypto_update</c> out to the connected clients' queues. An event's id is its place in the broker's log
/// (<see cref="StreamPosition"/>), the same on every instance, so a client may resume on any instance whose buffer still
/// holds what followed. A lock makes "register with a snapshot or replay" and "publish" atomic to each other, so a client
/// gets every event exactly once; publishing only enqueues, so no client can slow it down.
/// </summary>
public sealed class StreamHub
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, StreamClient> _clients = new(StringComparer.Ordinal);
    private readonly LatestByKey _latest;
    private readonly ReplayBuffer _replay;
    private readonly StreamOptions _options;
    private readonly TimeProvider _time;
    private readonly StreamTelemetry _telemetry;
    private readonly ILogger<StreamHub> _logger;
    private readonly EventRate _rate;

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
        _replay = new ReplayBuffer(_options.ReplayBufferSize);
        _latest = new LatestByKey(_options.MaxSnapshotKeys, telemetry);
        StartedAt = time.GetUtcNow();
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

    /// <summary>The worker reads <paramref name="partition"/> from <paramref name="firstOffset"/> on.</summary>
    internal void Assign(string topic, int partition, long firstOffset)
    {
        lock (_gate) _replay.Assign(topic, partition, firstOffset);
    }

    /// <param name="lastEventId">The client's <c>Last-Event-ID</c>: resumed after when the replay buffer holds what followed.</param>
    internal ClientRegistration Register(ClientFilter filter, string? lastEventId)
    {
        var client = new StreamClient(NextClientId(), filter,
            new ClientQueue(_options.ClientQueueCapacity, _options.SlowClientTimeout, _time));
        ClientRegistration registration;
        lock (_gate)
        {
            ResumeFailure? failure = null;
            List<StreamEvent> replay = [];
            var resuming = !string.IsNullOrEmpty(lastEventId);
            if (resuming)
            {
                failure = StreamPosition.TryParse(lastEventId!, out var after) ? _replay.TryReplay(after, filter, out replay) : ResumeFailure.NotAPosition;
                if (failure is null) client.ResumeFrom(after!);
            }

            if (resuming && failure is null)
            {
                registration = new ClientRegistration(client, replay, null, null);
            }
            else
            {
                // Before its snapshot the client has nothing; an empty snapshot leaves it where this instance is.
                var snapshot = _latest.Matching(filter);
                client.Reached(snapshot.Count == 0 ? _replay.Frontier : StreamPosition.Start);
                registration = new ClientRegistration(client, snapshot, _replay.Frontier, failure);
            }

            _clients[client.Id] = client;
        }

        _telemetry.Connected.Add(1);
        return registration;
    }

    internal void Unregister(StreamClient client)
    {
        if (!_clients.TryRemove(client.Id, out _)) return;
        _telemetry.Connected.Add(-1);
        Discarded(client.Queue.Close());
    }

    /// <summary>Sends one record to every matching client.</summary>
    /// <param name="at">Its place in the broker's log; null for a record not from the broker.</param>
    /// <returns>How many clients it was queued for.</returns>
    internal int Publish(string symbol, string source, ReadOnlySpan<byte> record, UpdateOrigin origin, PartitionOffset? at = null)
    {
        Span<int> notified = stackalloc int[1];
        PublishAll([HubMessage.Update(symbol, source, record.ToArray(), origin, at)], notified);
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
                // An event from elsewhere takes the place of the last broker record: a client resuming after it misses nothing.
                var id = message.At is { } at ? _replay.Advance(at) : _replay.Frontier;
                updates[i] = new StreamEvent(id, message.At, message.Type, message.Key, message.Symbol, message.Source, message.Origin,
                    Envelopes.Render(id, message.Type, message.Record.Span, message.Origin, now.UtcDateTime));
                if (message.At is not null) _replay.Add(updates[i]);
                // /test records are fake: a page that opens later should not show them as a coin's price.
                if (message.Snapshot) _latest.Remember(updates[i]);
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
        activity?.SetTag("cryptoviz.stream.first_event_id", updates[0].Id.Text);
    }

    /// <summary>Counts <paramref name="count"/> updates written to a client (V2's <c>messages_sent</c>).</summary>
    internal void Delivered(int count)
    {
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
