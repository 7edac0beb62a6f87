using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Time.Testing;
using CryptoViz.Stream.Sse;
using CryptoViz.Stream.Hub;

namespace CryptoViz.Tests.Stream;

public sealed class ClientQueueTests
{
    private static readonly TimeSpan s_stallTimeout = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_newer_tick_replaces_the_pending_one_for_its_key_and_moves_behind_the_others()
    {
        var queue = new ClientQueue(10, s_stallTimeout, _time);

        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(Update(1, "BTC")));
        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(Update(2, "ETH")));
        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(Update(3, "BTC"), out var replaced));

        Assert.True(replaced);
        Assert.Equal([2, 3], Drain(queue));
    }

    [Fact]
    public void More_distinct_keys_than_the_capacity_overflow_but_known_keys_still_conflate()
    {
        var queue = new ClientQueue(2, s_stallTimeout, _time);
        queue.Enqueue(Update(1, "BTC"));
        queue.Enqueue(Update(2, "ETH"));

        Assert.Equal(EnqueueResult.Overflow, queue.Enqueue(Update(3, "SOL")));
        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(Update(4, "ETH"), out var replaced));
        Assert.True(replaced);
        Assert.Equal([1, 4], Drain(queue));
    }

    [Fact]
    public void A_client_that_takes_nothing_past_the_timeout_is_stalled_even_while_conflating()
    {
        var queue = new ClientQueue(10, s_stallTimeout, _time);
        queue.Enqueue(Update(1, "BTC"));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(Update(2, "BTC"), out var replaced));
        Assert.True(replaced);
        Assert.Equal(TimeSpan.FromSeconds(1.5), queue.Lag);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(EnqueueResult.Stalled, queue.Enqueue(Update(3, "BTC")));
    }

    [Fact]
    public void Taking_the_pending_events_restarts_the_stall_clock()
    {
        var queue = new ClientQueue(10, s_stallTimeout, _time);
        queue.Enqueue(Update(1, "BTC"));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        queue.Enqueue(Update(2, "ETH"));
        Assert.Equal([1, 2], Drain(queue));
        queue.Enqueue(Update(3, "SOL"));
        _time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(EnqueueResult.Enqueued, queue.Enqueue(Update(4, "XRP")));
        Assert.Equal([3, 4], Drain(queue));
        Assert.Equal(TimeSpan.Zero, queue.Lag);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_an_update_arrives()
    {
        var queue = new ClientQueue(10, s_stallTimeout, _time);
        var wait = queue.WaitAsync().AsTask();
        Assert.False(wait.IsCompleted);

        queue.Enqueue(Update(1, "BTC"));

        Assert.True(await wait);
        Assert.Equal([1], Drain(queue));
    }

    [Fact]
    public async Task Closing_discards_what_is_pending_and_ends_the_reader()
    {
        var queue = new ClientQueue(10, s_stallTimeout, _time);
        queue.Enqueue(Update(1, "BTC"));
        queue.Enqueue(Update(2, "ETH"));

        Assert.Equal(2, queue.Close());
        Assert.Equal(EnqueueResult.Closed, queue.Enqueue(Update(3, "SOL")));
        while (await queue.WaitAsync())
        {
            Assert.Empty(Drain(queue));
        }
    }

    [Fact]
    public async Task A_burst_queues_all_it_holds_that_the_filter_lets_through_in_order()
    {
        var queue = new ClientQueue(10, s_stallTimeout, _time);
        Assert.True(ClientFilter.TryParse("btc,eth", null, null, out var filter, out _));
        var burst = new[] { Update(1, "BTC"), Update(2, "SOL"), Update(3, "ETH"), Update(4, "BTC") };
        var queued = new int[burst.Length];
        var conflated = 0;

        Assert.Equal(EnqueueResult.Enqueued, queue.EnqueueAll(burst, filter!, queued, ref conflated));

        Assert.Equal([1, 0, 1, 1], queued);
        Assert.Equal(0, conflated);
        Assert.True(await queue.WaitAsync());
        Assert.Equal([1, 3, 4], Drain(queue));
    }

    [Fact]
    public void A_burst_replaces_only_what_was_waiting_before_it_across_its_slices()
    {
        var queue = new ClientQueue(1024, s_stallTimeout, _time);
        queue.Enqueue(Update(1, "BTC"));
        queue.Enqueue(Update(2, "ETH"));
        // Longer than one lock hold: the key repeats in every slice, and none of the burst's own events is dropped.
        var burst = Enumerable.Range(3, 200).Select(id => Update(id, "BTC")).ToArray();
        var conflated = 0;

        Assert.Equal(EnqueueResult.Enqueued, queue.EnqueueAll(burst, ClientFilter.All, new int[burst.Length], ref conflated));

        Assert.Equal(1, conflated);
        Assert.Equal([2, .. Enumerable.Range(3, 200).Select(id => (long)id)], Drain(queue));
    }

    [Fact]
    public void Once_full_a_burst_replaces_its_own_earlier_events_of_a_key()
    {
        var queue = new ClientQueue(3, s_stallTimeout, _time);
        var burst = new[] { Update(1, "BTC"), Update(2, "ETH"), Update(3, "BTC"), Update(4, "BTC"), Update(5, "ETH") };
        var conflated = 0;

        Assert.Equal(EnqueueResult.Enqueued, queue.EnqueueAll(burst, ClientFilter.All, new int[burst.Length], ref conflated));

        Assert.Equal(2, conflated);
        Assert.Equal([1, 4, 5], Drain(queue));
    }

    [Fact]
    public void A_burst_stops_at_the_event_the_client_has_no_room_for()
    {
        var queue = new ClientQueue(2, s_stallTimeout, _time);
        var burst = new[] { Update(1, "BTC"), Update(2, "ETH"), Update(3, "SOL"), Update(4, "XRP") };
        var queued = new int[burst.Length];
        var conflated = 0;

        Assert.Equal(EnqueueResult.Overflow, queue.EnqueueAll(burst, ClientFilter.All, queued, ref conflated));
        Assert.Equal([1, 1, 0, 0], queued);
    }

    [Fact]
    public void A_client_that_never_reads_holds_at_most_its_capacity_however_much_is_sent()
    {
        const int capacity = 64;
        var queue = new ClientQueue(capacity, s_stallTimeout, _time);
        var keys = Enumerable.Range(0, 48).Select(k => $"C{k}").ToArray();
        var conflated = 0;
        long id = 0;
        // 100k events in bursts as the hub hands them over: every key again in each burst, a few twice within one.
        for (var burst = 0; burst < 2_000; burst++)
        {
            var events = Enumerable.Range(0, 50).Select(i => Update(++id, keys[(burst + i) % keys.Length])).ToArray();
            Assert.Equal(EnqueueResult.Enqueued, queue.EnqueueAll(events, ClientFilter.All, new int[events.Length], ref conflated));
        }

        // What the queue holds is the list it hands over, superseded slots included: that is its memory.
        var held = queue.TakeAll();
        Assert.InRange(held.Count, 0, 2 * capacity);
        var pending = held.OfType<StreamEvent>().ToList();
        Assert.InRange(pending.Count, keys.Length, capacity);
        Assert.Equal(id - pending.Count, conflated);
        var latest = Enumerable.Range(0, 50).Select(i => (Id: id - 49 + i, Key: keys[(1_999 + i) % keys.Length]))
            .GroupBy(e => e.Key).Select(g => g.Max(e => e.Id));
        Assert.Superset(latest.ToHashSet(), pending.Select(OffsetOf).ToHashSet());
        Assert.Equal(pending.OrderBy(OffsetOf), pending);
    }

    [Fact]
    public void A_quiet_client_keeps_no_burst_sized_storage()
    {
        var queue = new ClientQueue(1024, s_stallTimeout, _time);
        var burst = Enumerable.Range(1, 500).Select(id => Update(id, $"C{id}")).ToArray();
        var conflated = 0;
        queue.EnqueueAll(burst, ClientFilter.All, new int[burst.Length], ref conflated);
        Assert.Equal(500, queue.TakeAll().Count);

        queue.Shrink();

        // The two lists the queue swaps between.
        Assert.All([queue.TakeAll(), queue.TakeAll()], list => Assert.InRange(list.Capacity, 0, ClientQueue.RetainedEntries));
    }

    [Fact]
    public void Small_takes_after_a_burst_give_back_what_it_grew()
    {
        var queue = new ClientQueue(1024, s_stallTimeout, _time);
        var burst = Enumerable.Range(1, 500).Select(id => Update(id, $"C{id}")).ToArray();
        var conflated = 0;
        queue.EnqueueAll(burst, ClientFilter.All, new int[burst.Length], ref conflated);
        Assert.Equal(500, queue.TakeAll().Count);

        queue.Enqueue(Update(501, "BTC"));
        Assert.Equal([501], Drain(queue));

        Assert.All([queue.TakeAll(), queue.TakeAll()], list => Assert.InRange(list.Capacity, 0, ClientQueue.RetainedEntries));
    }

    /// <summary>The event of the record at <paramref name="id"/> in one partition, so ids and offsets share one order.</summary>
    internal static StreamEvent Update(long id, string symbol, string source = "coingecko", UpdateOrigin origin = UpdateOrigin.Broker)
    {
        var at = new PartitionOffset(Topics.Streaming, 0, id);
        return new(StreamPosition.Start.After(at), at, "crypto_update", $"{symbol}_{source}", symbol, source, origin, new byte[] { (byte)'x' });
    }

    private static long OffsetOf(StreamEvent update) => update.At!.Value.Offset;

    private static List<long> Drain(ClientQueue queue) => [.. queue.TakeAll().OfType<StreamEvent>().Select(OffsetOf)];
}

/// <summary>One event at a time, as the hub's bursts reduce to, with what happened to it.</summary>
file static class SingleEventQueue
{
    public static EnqueueResult Enqueue(this ClientQueue queue, StreamEvent update) => queue.Enqueue(update, out _);

    /// <param name="replaced">Whether the event replaced a pending one of its key.</param>
    public static EnqueueResult Enqueue(this ClientQueue queue, StreamEvent update, out bool replaced)
    {
        Span<int> queued = stackalloc int[1];
        var conflated = 0;
        var result = queue.EnqueueAll([update], ClientFilter.All, queued, ref conflated);
        replaced = conflated > 0;
        return result;
    }
}
