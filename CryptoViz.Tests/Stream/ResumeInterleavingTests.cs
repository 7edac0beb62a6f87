using System.Diagnostics.Metrics;
using System.Text;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Stream;
using CryptoViz.Stream.Hub;
using CryptoViz.Stream.Sse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Stream;

/// <summary>
/// Two hubs fed the same records, as two Stream instances read them: each partition in its order, the partitions
/// interleaved differently. A client that read part of the stream from one resumes on the other.
/// </summary>
public sealed class ResumeInterleavingTests : IDisposable
{
    private static readonly byte[] s_record = Encoding.UTF8.GetBytes("""{"symbol":"X"}""");

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    // Three partitions of six records each; a symbol per record, so that each is told apart and none conflates.
    private static readonly PartitionOffset[] s_log =
    [
        .. Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(0, 6).Select(i => new PartitionOffset(Topics.Streaming, p, 10 + 3 * i))),
    ];

    // The first instance takes the partitions in turn; the second reads partition 2 first, then 0 and 1 in bursts.
    private static readonly PartitionOffset[] s_roundRobin = [.. s_log.OrderBy(r => r.Offset).ThenBy(r => r.Partition)];
    private static readonly PartitionOffset[] s_bursts = [.. s_log.OrderBy(r => r.Partition == 2 ? 0 : 1).ThenBy(r => r.Offset / 10).ThenBy(r => r.Partition)];

    [Fact]
    public void Wherever_the_client_stopped_and_however_far_the_other_instance_has_read_it_gets_exactly_what_it_missed()
    {
        for (var read = 0; read <= s_log.Length; read++)
        {
            for (var behind = 0; behind <= s_log.Length; behind++)
            {
                // The client reads the first instance's first events, then reconnects to the second, which has read all but
                // the last `behind` records (it may even lag behind the client) and reads those after the client arrived.
                var first = CreateHub();
                var client = first.Register(ClientFilter.All, null).Client;
                Feed(first, s_roundRobin);
                var seen = Send(client, client.Queue.TakeAll().Take(read));

                var second = CreateHub();
                Feed(second, s_bursts[..^behind]);
                var registration = second.Register(ClientFilter.All, client.Position.Text);
                var resumed = registration.Client;
                var replayed = Send(resumed, registration.Initial);
                Feed(second, s_bursts[^behind..]);
                var live = Send(resumed, resumed.Queue.TakeAll());

                Assert.True(registration.Resumed, $"read {read}, behind {behind}");
                var missed = replayed.Concat(live).ToList();
                Assert.Equal(s_log.Select(Symbol).Order(), seen.Concat(missed).Select(e => e.Update.Symbol).Order());
                // Every id it is sent covers everything before it, so a reconnect from any of them is exact too.
                var ids = new[] { client.Position }.Concat(missed.Select(e => e.Id)).ToList();
                Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.True(pair.Second.Covers(pair.First), $"read {read}, behind {behind}"));
            }
        }
    }

    [Fact]
    public void Gaps_in_the_offsets_do_not_hide_a_resumable_position_and_what_the_buffer_evicted_decides()
    {
        var hub = CreateHub(replayBufferSize: 2);
        // Offsets 11, 12, 14, 15 and 16 held transaction markers or were compacted away.
        Feed(hub, [.. new long[] { 10, 13, 17 }.Select(o => new PartitionOffset(Topics.Streaming, 0, o))]);

        Assert.Equal(["13", "17"], Replay(hub, "s0-10.s1-9.s2-9"));
        Assert.Equal(["13", "17"], Replay(hub, "s0-12.s1-9.s2-9"));
        Assert.Equal(["17"], Replay(hub, "s0-13.s1-9.s2-9"));
        Assert.Equal(ResumeFailure.LeftBuffer, hub.Register(ClientFilter.All, "s0-9.s1-9.s2-9").NotResumed);
    }

    [Fact]
    public void A_position_from_before_this_instance_started_reading_is_not_resumed()
    {
        var hub = CreateHub();
        hub.Assign(Topics.Predictions, 0, 50);
        Feed(hub, [new PartitionOffset(Topics.Predictions, 0, 50), new PartitionOffset(Topics.Streaming, 1, 10)]);

        Assert.Equal(["50", "10"], Replay(hub, "s0-9.s1-9.s2-9.p0-49"));
        Assert.Equal(ResumeFailure.LeftBuffer, hub.Register(ClientFilter.All, "s0-9.s1-9.s2-9.p0-48").NotResumed);
        Assert.Equal(ResumeFailure.LeftBuffer, hub.Register(ClientFilter.All, "s0-9.s1-9.p0-49").NotResumed);
        // A fresh client's place names where this instance started, so another instance can tell whether it read as much.
        Assert.Equal("s0-9.s1-10.s2-9.p0-50", hub.Register(ClientFilter.All, null).SnapshotPosition!.Text);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>A hub reading the log's partitions from its first offset on.</summary>
    private StreamHub CreateHub(int replayBufferSize = 4096)
    {
        var hub = new StreamHub(Options.Create(new StreamOptions { ReplayBufferSize = replayBufferSize }), TimeProvider.System,
            new StreamTelemetry(_services.GetRequiredService<IMeterFactory>()), NullLogger<StreamHub>.Instance);
        for (var partition = 0; partition < 3; partition++) hub.Assign(Topics.Streaming, partition, 10);
        return hub;
    }

    private static void Feed(StreamHub hub, IEnumerable<PartitionOffset> records)
    {
        foreach (var record in records) hub.Publish(Symbol(record), "log", s_record, UpdateOrigin.Broker, record);
    }

    private static string Symbol(PartitionOffset record) => $"P{record.Partition}O{record.Offset}";

    /// <summary>What the client's writer sends of <paramref name="updates"/>, with the ids it sends them with.</summary>
    private static List<(StreamEvent Update, StreamPosition Id)> Send(StreamClient client, IEnumerable<StreamEvent?> updates) =>
        [.. updates.OfType<StreamEvent>().Select(u => (Update: u, Id: client.Take(u))).Where(s => s.Id is not null).Select(s => (s.Update, s.Id!))];

    private static List<string> Replay(StreamHub hub, string lastEventId)
    {
        var registration = hub.Register(ClientFilter.All, lastEventId);
        Assert.True(registration.Resumed, lastEventId);
        return [.. registration.Initial.Select(u => u.At!.Value.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }
}
