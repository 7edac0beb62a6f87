using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using System.Net.Http.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Apis;
using CryptoViz.Tests.Stream;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.EndToEnd.ScaleOut;

/// <summary>
/// Stream ×3 and Ingest ×2 as the AppHost runs them with <c>Stream:Replicas=3</c> and <c>Ingest:Replicas=2</c>: an SSE
/// client resumes on another Stream replica with exactly the events it missed, and after one Ingest replica is killed
/// its partitions move to the other, while the hot stores and the lake end up holding every published key, and no store
/// holds one twice, and both replicas answer the backfilled week alike. A key may sit in both hot stores (stored by the killed replica, its offset not yet committed,
/// redelivered to the other): queries across replicas deduplicate by key.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ScaleOutE2ETests(ScaleOutFixture fixture)
{
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Replicas_resume_SSE_exactly_survive_an_Ingest_kill_and_hold_every_published_key_once()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(8));
        var app = fixture.App;
        var bootstrap = await app.GetConnectionStringAsync("kafka", cts.Token) ?? throw new InvalidOperationException("kafka has no connection string");

        var streams = await Replicas.HealthyAsync(app, "stream", ScaleOutFixture.StreamReplicas, cts.Token);
        var (missed, expected) = await ResumeOnAnotherReplicaAsync(streams[0], streams[1], bootstrap);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, missed);

        var ingests = await Replicas.HealthyAsync(app, "ingest", ScaleOutFixture.IngestReplicas, cts.Token);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).SetLogHandler((_, _) => { }).Build();
        var partitions = RawDataPartitions(admin);
        // The embedded broker cannot describe a group, so the survivor says what it holds, as an operator reads it.
        await using var survivor = await AssignmentLog.WatchAsync(app, ingests[1].ResourceId, cts.Token);
        var killedAt = TimeProvider.System.GetTimestamp();
        using (var victim = System.Diagnostics.Process.GetProcessById(ingests[0].Pid)) victim.Kill(entireProcessTree: true);
        await Eventually.GetAsync(() => Task.FromResult(survivor.AssignedSinceStart(partitions)), all => all, s_step,
            "the surviving Ingest assigned every partition of crypto-raw-data");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"partitions moved {TimeProvider.System.GetElapsedTime(killedAt).TotalSeconds:0.0} s after the kill");

        // What was published up to now; the Scraper goes on, and what it adds later is not asked for.
        var published = PublishedKeys.ReadAll(bootstrap, partitions);
        await Eventually.GetAsync(() => StoredUpToAsync(admin, published.Ends), done => done, s_step,
            "Ingest's group committed every published offset");
        var lake = Path.Combine(fixture.DataDirectory, "lake");
        await Eventually.GetAsync(() => Task.FromResult(published.Keys.IsSubsetOf(StoredKeys.InLake(lake))), all => all, s_step,
            $"the lake holding all {published.Keys.Count} published keys");
        // Any replica answers for every partition: the lake fills in what the other replica stored.
        var series = published.Keys.Select(k => $"{k.Symbol}/{k.Source}").ToHashSet();
        var replicas = await Replicas.HealthyAsync(app, "ingest", ScaleOutFixture.IngestReplicas, cts.Token);
        foreach (var replica in replicas)
        {
            using var http = replica.CreateHttpClient();
            var coins = await http.GetFromJsonAsync("/api/coins", IngestApiJsonContext.Default.IReadOnlyListCoinSummary, cts.Token);
            Assert.Subset(coins!.Select(c => $"{c.Symbol}/{c.Source}").ToHashSet(), series);
        }

        // Backfilled history too (docs/lake.md#history): the week before the app started, alike from both replicas.
        var backfilledTo = fixture.StartedAt.AddMinutes(-5);
        await Eventually.GetAsync(() => BackfilledCandles.AlikeAsync(replicas, series, backfilledTo.AddDays(-6), backfilledTo, hours: 6 * 24 - 1, cts.Token),
            alike => alike, s_step, "both Ingest replicas answering every series' backfilled week alike");

        // Everything is stored: the app stops, and its DuckDB files are read as they were left.
        await app.StopAsync(cts.Token);

        var hotStores = await Eventually.GetAsync(() => Task.FromResult(StoredKeys.InHotStores(fixture.DataDirectory)),
            stores => stores is not null, s_step, "the Ingest replicas' DuckDB files released");
        var lakeKeys = StoredKeys.InLake(lake);

        Assert.Equal(ScaleOutFixture.IngestReplicas, hotStores!.Count);
        Assert.All(hotStores, store => Assert.Equal(store.Count, store.Distinct().Count()));
        Assert.Equal(lakeKeys.Count, lakeKeys.Distinct().Count());
        Assert.Subset(lakeKeys.ToHashSet(), published.Keys);
        Assert.Subset(hotStores.SelectMany(store => store).ToHashSet(), published.Keys);
        var inBoth = hotStores[0].Intersect(hotStores[1]).Count(published.Keys.Contains);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{published.Keys.Count} keys published; rows: hot stores {string.Join(" + ", hotStores.Select(s => s.Count))}, lake {lakeKeys.Count}; " +
            $"published keys in both hot stores (stored before the kill, redelivered after it): {inBoth}");
    }

    /// <summary>
    /// Reads live updates from one replica, leaves, lets the broker move on, then resumes on another with the last id.
    /// </summary>
    /// <returns>What the second replica sent after the id, and the records of crypto-streaming after that place up to
    /// the place of the last event it sent: both as (symbol, source, timestamp, ingestion time) in partition order.</returns>
    private static async Task<(List<string> Missed, List<string> Expected)> ResumeOnAnotherReplicaAsync(
        Replica first, Replica second, string bootstrap)
    {
        using var firstHttp = first.CreateHttpClient();
        string lastId;
        await using (var reader = await SseConnection.OpenAsync(firstHttp))
        {
            SseEvent update = null!;
            // Past the snapshot: the live updates carry the places that follow it.
            for (var i = 0; i < 40; i++) update = await reader.ReadUpdateAsync();
            lastId = update.Id!;
        }

        // Gone while the broker moves on: the next replica owes what came meanwhile.
        await Eventually.GetAsync(() => Task.FromResult(StreamingRecords.Since(bootstrap, SsePlace.Parse(lastId))), n => n >= 20, s_step,
            "20 records on crypto-streaming after the last event read");
        using var secondHttp = second.CreateHttpClient();
        await using var resumed = await SseConnection.OpenAsync(secondHttp, lastEventId: lastId);
        var missed = new List<(int Partition, long Offset, string Record)>();
        var at = SsePlace.Parse(lastId);
        while (missed.Count < 60)
        {
            var update = await resumed.ReadUpdateAsync();
            var next = SsePlace.Parse(update.Id!);
            var moved = next.Where(p => p.Value != at.GetValueOrDefault(p.Key, -1)).ToList();
            Assert.Single(moved);
            missed.Add((moved[0].Key, moved[0].Value, RecordIdentity.Of(update.Json.GetProperty("data"))));
            at = next;
        }

        Assert.Equal(0, resumed.Comments);
        var expected = StreamingRecords.Between(bootstrap, SsePlace.Parse(lastId), at);
        return ([.. missed.OrderBy(m => m.Partition).ThenBy(m => m.Offset).Select(m => m.Record)], expected);
    }

    private static List<TopicPartition> RawDataPartitions(IAdminClient admin) =>
        [.. admin.GetMetadata(CryptoViz.Contracts.Messaging.Topics.RawData, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(CryptoViz.Contracts.Messaging.Topics.RawData, p.PartitionId))];

    private static async Task<bool> StoredUpToAsync(IAdminClient admin, IReadOnlyList<TopicPartitionOffset> ends)
    {
        var committed = (await admin.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions("cryptoviz-ingest", [.. ends.Select(e => e.TopicPartition)])])).Single();
        return ends.All(end => committed.Partitions.Single(p => p.TopicPartition == end.TopicPartition).Offset.Value >= end.Offset.Value);
    }
}
