using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace CryptoViz.Stream.Services;

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
    private readonly Dictionary<string, StreamEvent> _latest = new(StringComparer.Ordinal);
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

    public StreamHub(IOptions<StreamOptions> options, TimeProvider time, StreamTelemetry telemetry, ILogger<StreamHub> logger)
    {
        _options = options.Value;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
        _rate = new EventRate(time);
        _replay = new StreamEvent[_options.ReplayBufferSize];
        StartedAt = time.GetUtcNow();
        _lastId = StartedAt.ToUnixTimeMilliseconds() * 1000;
    }

    public DateTimeOffset StartedAt { get; }

    public int ConnectedClients => _clients.Count;

    internal ClientRegistration Register(ClientFilter filter, long? lastEventId)
    {
        var client = new StreamClient(NextClientId(), filter,
            new ClientQueue(_options.ClientQueueCapacity, _options.SlowClientTimeout, _time));
        List<StreamEvent>? replay = null;
        List<StreamEvent> initial;
        lock (_gate)
        {
            if (lastEventId is { } after && TryReplay(after, filter, out replay)) client.Position = after;
            initial = replay ?? Snapshot(filter);
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
    internal int Publish(string symbol, string source, ReadOnlySpan<byte> record, UpdateOrigin origin) =>
        Broadcast(ClientFilter.UpdateType, MessageKey.For(symbol, source), symbol, source, origin, record, snapshot: origin == UpdateOrigin.Broker);

    /// <summary>
    /// Sends one message of <c>crypto-predictions</c> to every matching client. Forecasts join the snapshot (the latest
    /// per coin, source and horizon), so a page that opens later sees the current ones; anomalies are news, not state.
    /// </summary>
    internal int PublishPrediction(Prediction prediction, ReadOnlySpan<byte> message)
    {
        var forecast = prediction.Kind == Prediction.ForecastKind;
        var key = forecast
            ? $"{ClientFilter.PredictionType}:{MessageKey.For(prediction.Symbol, prediction.Source)}:{prediction.HorizonMinutes}"
            : $"{Prediction.AnomalyKind}:{MessageKey.For(prediction.Symbol, prediction.Source)}";
        return Broadcast(ClientFilter.PredictionType, key, prediction.Symbol, prediction.Source, UpdateOrigin.Broker, message, snapshot: forecast);
    }

    private int Broadcast(string type, string key, string symbol, string source, UpdateOrigin origin, ReadOnlySpan<byte> record, bool snapshot)
    {
        using var activity = StreamTelemetry.Source.StartActivity("stream broadcast");
        var now = _time.GetUtcNow();
        var notified = 0;
        var conflated = 0;
        List<(StreamClient Client, EnqueueResult Reason)>? behind = null;
        long id;
        lock (_gate)
        {
            id = ++_lastId;
            var update = new StreamEvent(id, type, key, symbol, source, origin, Envelopes.Render(id, type, record, origin, now.UtcDateTime));
            Remember(update, snapshot);
            foreach (var (_, client) in _clients)
            {
                if (!client.Filter.Matches(update)) continue;
                var result = client.Queue.Enqueue(update);
                switch (result)
                {
                    case EnqueueResult.Enqueued:
                        notified++;
                        break;
                    case EnqueueResult.Conflated:
                        notified++;
                        conflated++;
                        break;
                    case EnqueueResult.Overflow or EnqueueResult.Stalled:
                        (behind ??= []).Add((client, result));
                        break;
                }
            }
        }

        Discarded(conflated);
        _rate.Record();
        if (origin == UpdateOrigin.Broker) Interlocked.Exchange(ref _lastDataUnixMs, now.ToUnixTimeMilliseconds());
        foreach (var (client, reason) in behind ?? [])
        {
            Evict(client, reason);
        }

        activity?.SetTag("cryptoviz.stream.event_id", id);
        activity?.SetTag("cryptoviz.stream.clients_notified", notified);
        return notified;
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
        StreamTrace.SlowClientDisconnected(_logger, client.Id, reason, pending);
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
        if (snapshot) _latest[update.Key] = update;
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

    // In id order, so a client that drops mid-snapshot and resumes from the last id it got misses nothing.
    private List<StreamEvent> Snapshot(ClientFilter filter) =>
        [.. _latest.Values.Where(filter.Matches).OrderBy(u => u.Id)];

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
