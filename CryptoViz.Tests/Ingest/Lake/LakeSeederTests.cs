using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Apis;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;
using CryptoViz.Ingest.Storage;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>
/// A hot store's history that its lake lacks (docs/lake.md#history-from-before-the-lake), on the embedded broker: its
/// candles go to the lake, as history pages that never span a missing minute, and every replica then answers them.
/// </summary>
public sealed class LakeSeederTests : IDisposable
{
    private static readonly DateTime s_today = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime s_old = s_today.AddDays(-3);
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EmbeddedKafkaFixture _kafka = new();
    private readonly TempLake _lake = new();
    private readonly TempPriceStore _store = new("seed-one");
    private readonly TempPriceStore _other = new("seed-two");

    [Fact]
    public async Task The_candles_a_store_holds_and_its_lake_lacks_go_to_it_in_pages_without_holes_nothing_twice_and_every_replica_answers_them()
    {
        // Arrange: three days ago, BTC ticks in minutes 0, 1, 2 and 4 (none in 3) and an ETH history page of three minutes,
        // stored and rolled up before the lake began; today BTC ticks that the store and the lake both hold.
        List<CryptoPrice> old = [.. new[] { 0, 1, 2, 4 }.SelectMany(m => new[] { 5, 35 }.Select(s => TempLake.Tick("BTC", "binance", s_old.AddMinutes(m).AddSeconds(s), price: 100 + m + s / 100.0)))];
        var eth = BackfillPages.Page("ETH", "coingecko", s_old, 3);
        List<CryptoPrice> today = [.. Enumerable.Range(0, 4).Select(i => TempLake.Tick("BTC", "binance", s_today.AddSeconds(20 * i), price: 200 + i))];
        _store.Store.Write(old);
        _store.Store.Write(new PriceRows(), HistoryRows.Of([eth]));
        _store.Store.Write(today);
        _store.RollUp(s_today.AddHours(1));
        _other.RollUp(s_today.AddHours(1));
        await LakeRecords.ProduceAsync(_kafka, today);
        await using var writer = new LakeWriterRig(_kafka, _lake, new LakeOptions { SegmentAge = TimeSpan.FromMilliseconds(100) });
        await writer.StartAsync();
        await writer.CaughtUpAsync();
        var before = await CandlesAsync(_store, "BTC", "binance", s_old);

        // Act: the seeder, the lake's writer after it, and a seeder again.
        using var producer = _kafka.CreateProducer<string, byte[]>();
        var seeded = await Seeder(producer).SeedAsync(Ct);
        await writer.CaughtUpAsync();
        var again = await Seeder(producer).SeedAsync(Ct);
        var pages = Pages();

        // Assert: BTC's four old minutes (not today's, which the lake has) and ETH's three, in pages of consecutive minutes.
        Assert.Equal(7, seeded);
        Assert.Equal(0, again);
        Assert.Equal(
            [("BTC", s_old, s_old.AddMinutes(3)), ("BTC", s_old.AddMinutes(4), s_old.AddMinutes(5)), ("ETH", s_old, s_old.AddMinutes(3))],
            pages.Select(p => (p.Symbol, p.From, p.To)).Order());
        Assert.Equal(before.Select(c => c with { Ticks = 0 }), await CandlesAsync(_other, "BTC", "binance", s_old));
        Assert.Equal(eth.Candles.Select(BackfillPages.AsCandle), await CandlesAsync(_other, "ETH", "coingecko", s_old));
        Assert.Equal(before, await CandlesAsync(_store, "BTC", "binance", s_old));

        // A wiped lake lacks everything: all the store holds goes again, today's two BTC minutes too.
        await writer.DisposeAsync();
        Directory.Delete(_lake.Layout.Root, recursive: true);
        Assert.Equal(9, await Seeder(producer).SeedAsync(Ct));
    }

    private LakeSeeder Seeder(IProducer<string, byte[]> producer) =>
        new(_store.Store, _lake.Layout, producer, TimeProvider.System, NullLogger<LakeSeeder>.Instance);

    private Task<IReadOnlyList<Candle>> CandlesAsync(TempPriceStore replica, string symbol, string source, DateTime from) =>
        new PriceQueries(replica.Store, QueryViews.WithLake(_lake.Layout.Root)).GetCandlesAsync(symbol, source, s_minute, from, from.AddHours(1), Ct);

    // Every page on the history topic.
    private List<CandleBatch> Pages()
    {
        using var consumer = BrokerReads.Consumer(_kafka.BootstrapServers);
        var pages = new List<CandleBatch>();
        foreach (var partition in Enumerable.Range(0, Topics.SeedPartitions).Select(p => new TopicPartition(Topics.Candles, p)))
        {
            var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0) continue;
            pages.AddRange(BrokerReads.Range(consumer, new TopicPartitionOffset(partition, Offset.Beginning), end - 1)
                .Select(r => JsonSerializer.Deserialize(r.Message.Value, CryptoVizJsonContext.Default.CandleBatch)!));
        }

        return pages;
    }

    public void Dispose()
    {
        _store.Dispose();
        _other.Dispose();
        _lake.Dispose();
        _kafka.Dispose();
    }
}
