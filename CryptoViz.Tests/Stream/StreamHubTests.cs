using System.Diagnostics.Metrics;
using System.Text;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Stream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CryptoViz.Stream.Sse;
using CryptoViz.Stream.Hub;

namespace CryptoViz.Tests.Stream;

public sealed class StreamHubTests : IDisposable
{
    private static readonly byte[] s_record = Encoding.UTF8.GetBytes("""{"symbol":"X"}""");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 9, 4, 18, 42, 9, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private long _offset;

    [Fact]
    public void A_broker_event_s_id_is_its_place_in_the_log_and_another_event_takes_the_last_broker_place()
    {
        var hub = CreateHub();
        hub.Assign(Topics.Streaming, 0, 0);
        hub.Assign(Topics.Streaming, 1, 40);
        var client = hub.Register(ClientFilter.All, null).Client;

        hub.Publish("BTC", "coingecko", s_record, UpdateOrigin.Broker, new PartitionOffset(Topics.Streaming, 1, 41));
        hub.Publish("ETH", "coingecko", s_record, UpdateOrigin.Broker, new PartitionOffset(Topics.Streaming, 0, 7));
        hub.Publish("TEST", "test", s_record, UpdateOrigin.TestEndpoint);

        var ids = client.Queue.TakeAll().OfType<StreamEvent>().Select(u => u.Id.Text);
        Assert.Equal(["s1-41", "s0-7.s1-41", "s0-7.s1-41"], ids);
    }

    [Fact]
    public void The_snapshot_holds_the_latest_broker_tick_per_key_in_id_order()
    {
        var hub = CreateHub();
        Publish(hub, "BTC");
        Publish(hub, "ETH");
        Publish(hub, "BTC");
        hub.Publish("TEST", "test", s_record, UpdateOrigin.TestEndpoint);

        var registration = hub.Register(ClientFilter.All, null);

        Assert.False(registration.Resumed);
        Assert.Equal(["ETH", "BTC"], registration.Initial.Select(u => u.Symbol));
        Assert.True(registration.Initial[1].Id.Covers(registration.Initial[0].Id));
        Assert.Equal(registration.Initial[1].Id.Text, registration.SnapshotPosition?.Text);
        // Until it has its snapshot, a client has no place to resume from.
        Assert.Same(StreamPosition.Start, registration.Client.Position);
    }

    [Fact]
    public void A_buffered_Last_Event_ID_replays_what_followed_it_through_the_filter()
    {
        var hub = CreateHub();
        var first = Publish(hub, "BTC");
        Publish(hub, "ETH");
        Publish(hub, "SOL");
        Assert.True(ClientFilter.TryParse("SOL,BTC", null, null, out var filter, out _));

        var registration = hub.Register(filter, first.Text);

        Assert.True(registration.Resumed);
        Assert.Null(registration.NotResumed);
        Assert.Equal(first.Text, registration.Client.Position.Text);
        Assert.Equal(["SOL"], registration.Initial.Select(u => u.Symbol));
    }

    [Fact]
    public void An_id_that_left_the_buffer_or_was_never_issued_falls_back_to_the_snapshot_and_says_why()
    {
        var hub = CreateHub(new StreamOptions { ReplayBufferSize = 2 });
        var first = Publish(hub, "BTC");
        var second = Publish(hub, "ETH");
        Publish(hub, "SOL");
        var last = Publish(hub, "ADA");

        Assert.Equal(ResumeFailure.LeftBuffer, hub.Register(ClientFilter.All, first.Text).NotResumed);
        Assert.True(hub.Register(ClientFilter.All, second.Text).Resumed);
        // The numeric ids of earlier versions, another server's, and a partition this instance does not read.
        Assert.Equal(ResumeFailure.NotAPosition, hub.Register(ClientFilter.All, "1757011329164001").NotResumed);
        Assert.Equal(ResumeFailure.NotAPosition, hub.Register(ClientFilter.All, "s0-1.x").NotResumed);
        Assert.Equal(ResumeFailure.UnknownPartition, hub.Register(ClientFilter.All, last.Text + ".p4-1").NotResumed);
        var fallback = hub.Register(ClientFilter.All, first.Text);
        Assert.False(fallback.Resumed);
        Assert.Equal(["BTC", "ETH", "SOL", "ADA"], fallback.Initial.Select(u => u.Symbol));
        var upToDate = hub.Register(ClientFilter.All, last.Text);
        Assert.True(upToDate.Resumed);
        Assert.Empty(upToDate.Initial);
    }

    [Fact]
    public void Client_ids_keep_V2_shape_and_stay_unique_within_one_millisecond()
    {
        var hub = CreateHub();

        var ids = Enumerable.Range(0, 3).Select(_ => hub.Register(ClientFilter.All, null).Client.Id).ToList();

        var ms = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal([$"client_{ms}", $"client_{ms + 1}", $"client_{ms + 2}"], ids);
    }

    [Fact]
    public async Task A_client_past_its_capacity_is_evicted_and_counted_while_others_get_the_update()
    {
        var hub = CreateHub(new StreamOptions { ClientQueueCapacity = 1 });
        var slow = hub.Register(ClientFilter.All, null).Client;
        var other = hub.Register(ClientFilter.All, null).Client;
        Publish(hub, "BTC");
        Assert.Single(other.Queue.TakeAll().OfType<StreamEvent>());

        var notified = hub.Publish("ETH", "coingecko", s_record, UpdateOrigin.Broker);

        Assert.Equal(1, notified);
        Assert.Equal(1, hub.ConnectedClients);
        var counters = hub.ReadCounters();
        Assert.Equal(1, counters.SlowClientsDisconnected);
        Assert.Equal(1, counters.DroppedEvents);
        await WaitForCancellationAsync(slow.Evicted);
        Assert.Equal("ETH", Assert.Single(other.Queue.TakeAll().OfType<StreamEvent>()).Symbol);
    }

    [Fact]
    public void Messages_sent_counts_deliveries_per_client_and_last_data_only_broker_records()
    {
        var hub = CreateHub();
        var a = hub.Register(ClientFilter.All, null).Client;
        var b = hub.Register(ClientFilter.All, null).Client;
        hub.Publish("TEST", "test", s_record, UpdateOrigin.TestEndpoint);
        Assert.Null(hub.ReadCounters().LastDataReceived);

        Publish(hub, "BTC");
        foreach (var client in new[] { a, b })
        {
            hub.Delivered(client.Queue.TakeAll().OfType<StreamEvent>().Count());
        }

        var counters = hub.ReadCounters();
        Assert.Equal(4, counters.MessagesSent);
        Assert.Equal(_time.GetUtcNow(), counters.LastDataReceived);
    }

    [Fact]
    public void The_snapshot_keeps_the_most_recently_updated_keys_up_to_its_cap_and_counts_what_it_evicts()
    {
        const int cap = 10_000;
        const int keys = 100_000;
        using var metrics = new SnapshotMetrics(_services);
        var hub = CreateHub(new StreamOptions { MaxSnapshotKeys = cap });

        for (var k = 0; k < keys; k++)
        {
            Publish(hub, $"K{k}", "flood");
            // One old key stays in use all along: it is recently updated, not old.
            if (k % 1_000 == 0) Publish(hub, "BTC");
        }

        var initial = hub.Register(ClientFilter.All, null).Initial;
        Assert.Equal(cap, initial.Count);
        Assert.All(initial.Zip(initial.Skip(1)), pair => Assert.True(pair.Second.At!.Value.Offset > pair.First.At!.Value.Offset));
        Assert.Contains(initial, u => u.Symbol == "BTC");
        // The newest keys, less the one BTC holds.
        var flood = initial.Where(u => u.Source == "flood").Select(u => u.Symbol).ToHashSet();
        Assert.Equal(cap - 1, flood.Count);
        Assert.All(Enumerable.Range(keys - cap + 1, cap - 1), k => Assert.Contains($"K{k}", flood));
        Assert.Equal(keys + 1 - cap, metrics.Evicted);
        Assert.Equal(cap, metrics.Keys);
    }

    public void Dispose() => _services.Dispose();

    private StreamHub CreateHub(StreamOptions? options = null) =>
        new(Options.Create(options ?? new StreamOptions()), _time,
            new StreamTelemetry(_services.GetRequiredService<IMeterFactory>()), NullLogger<StreamHub>.Instance);

    /// <summary>Publishes the next record of one partition.</summary>
    /// <returns>The event's id.</returns>
    private StreamPosition Publish(StreamHub hub, string symbol, string source = "coingecko")
    {
        var at = new PartitionOffset(Topics.Streaming, 0, _offset++);
        hub.Publish(symbol, source, s_record, UpdateOrigin.Broker, at);
        return StreamPosition.Start.After(at);
    }

    /// <summary>The snapshot's instruments of the hubs this test's meter factory made, summed as they are recorded.</summary>
    private sealed class SnapshotMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _evicted;
        private long _keys;

        public SnapshotMetrics(IServiceProvider services)
        {
            var factory = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == StreamTelemetry.Name) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "cryptoviz.stream.snapshot.evicted") Interlocked.Add(ref _evicted, value);
                else if (instrument.Name == "cryptoviz.stream.snapshot.keys") Interlocked.Add(ref _keys, value);
            });
            _listener.Start();
        }

        public long Evicted => Interlocked.Read(ref _evicted);

        public long Keys => Interlocked.Read(ref _keys);

        public void Dispose() => _listener.Dispose();
    }

    private static Task WaitForCancellationAsync(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource();
        token.Register(() => cancelled.TrySetResult());
        return cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
