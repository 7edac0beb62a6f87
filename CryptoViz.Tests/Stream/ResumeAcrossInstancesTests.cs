using CryptoViz.Tests.Support;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

/// <summary>
/// Two Stream instances on one broker, as replicas behind one address run: each reads every partition in a group of its
/// own, so an id one issued resumes on the other.
/// </summary>
public sealed class ResumeAcrossInstancesTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task A_client_resumes_on_another_instance_with_exactly_the_events_it_missed()
    {
        using var producer = kafka.StreamingProducer();
        await using var first = StreamAppFactory.Start(kafka.BootstrapServers);
        await using var second = StreamAppFactory.Start(kafka.BootstrapServers);
        using var firstHttp = first.CreateHttpClient();
        using var secondHttp = second.CreateHttpClient();
        await firstHttp.WaitUntilStreamingAsync();
        await secondHttp.WaitUntilStreamingAsync();

        // A key per record, spread over the three partitions, so that nothing is conflated and every record is told apart.
        var symbols = Enumerable.Range(0, 30).Select(i => $"R{i:D2}").ToList();
        var seen = new List<string>();
        string lastId;
        await using (var reader = await SseConnection.OpenAsync(firstHttp))
        {
            Assert.Equal("welcome", (await reader.ReadAsync()).Type);
            foreach (var symbol in symbols.Take(20)) producer.Produce(Record(symbol, "resume", 1));
            producer.Flush(Ct);
            SseEvent update = null!;
            for (var i = 0; i < 10; i++)
            {
                update = await reader.ReadUpdateAsync();
                seen.Add(SymbolOf(update));
            }

            lastId = update.Id!;
        }

        foreach (var symbol in symbols.Skip(20)) producer.Produce(Record(symbol, "resume", 1));
        producer.Flush(Ct);
        await using var resumed = await SseConnection.OpenAsync(secondHttp, lastEventId: lastId);
        Assert.Equal("welcome", (await resumed.ReadAsync()).Type);
        // Whatever the second instance had read by now comes as a replay, the rest live; the sentinel closes both.
        await producer.ProduceAsync(Record("END", "resume", 1));
        var missed = new List<string>();
        while (SymbolOf(await resumed.ReadUpdateAsync()) is var symbol && symbol != "END") missed.Add(symbol);

        Assert.Equal(symbols.Except(seen).Order(), missed.Order());
        Assert.Equal(0, resumed.Comments);
    }

    [Fact]
    public async Task A_position_that_left_the_other_instance_s_buffer_gets_a_comment_then_the_snapshot()
    {
        using var producer = kafka.StreamingProducer();
        await using var first = StreamAppFactory.Start(kafka.BootstrapServers);
        await using var second = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:ReplayBufferSize"] = "2" });
        using var firstHttp = first.CreateHttpClient();
        using var secondHttp = second.CreateHttpClient();
        await firstHttp.WaitUntilStreamingAsync();
        await secondHttp.WaitUntilStreamingAsync();

        string lastId;
        await using (var reader = await SseConnection.OpenAsync(firstHttp))
        {
            await producer.ProduceAsync(Record("OLD", "evicted", 1));
            lastId = (await reader.ReadUpdateAsync()).Id!;
        }

        await using (var watcher = await SseConnection.OpenAsync(secondHttp, "?sources=evicted"))
        {
            // Every partition gets records after OLD's, more than the second instance's buffer holds.
            var newer = Enumerable.Range(0, 9).Select(i => $"N{i}").ToList();
            foreach (var symbol in newer) producer.Produce(Record(symbol, "evicted", 1));
            producer.Flush(Ct);
            for (var i = 0; i < newer.Count + 1; i++) await watcher.ReadUpdateAsync();
        }

        await using var resumed = await SseConnection.OpenAsync(secondHttp, "?sources=evicted", lastEventId: lastId);
        Assert.Equal("welcome", (await resumed.ReadAsync()).Type);
        var snapshot = new List<string>();
        for (var i = 0; i < 10; i++) snapshot.Add(SymbolOf(await resumed.ReadAsync()));

        Assert.Equal(1, resumed.Comments);
        Assert.Equal("no resume: events after Last-Event-ID have left this instance's replay buffer; the snapshot follows", resumed.LastComment);
        Assert.Contains("OLD", snapshot);
        Assert.Equal(10, snapshot.Distinct().Count());
    }

    private static string SymbolOf(SseEvent update) => update.Json.GetProperty("data").GetProperty("symbol").GetString()!;
}
