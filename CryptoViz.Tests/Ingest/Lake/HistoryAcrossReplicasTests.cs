using CryptoViz.Contracts.Apis;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;
using CryptoViz.Ingest.Storage;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>
/// A backfilled range read from three Ingest replicas that share one lake (written by the real lake writer from the
/// embedded broker) and each hold something else in their hot store: the same candles from each, and from the lake as
/// docs/lake.md#reading-the-lake reads it (docs/lake.md#history): a minute's ticks' candle where it has ticks, else its
/// first published history candle.
/// </summary>
public sealed class HistoryAcrossReplicasTests : IDisposable
{
    private static readonly DateTime s_start = new(2026, 12, 6, 23, 30, 0, DateTimeKind.Utc);
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly EmbeddedKafkaFixture _kafka = new();
    private readonly TempLake _lake = new();
    private readonly TempPriceStore _one = new("history-one");
    private readonly TempPriceStore _two = new("history-two");
    private readonly TempPriceStore _three = new("history-three");

    [Fact]
    public async Task Every_replica_answers_a_backfilled_hour_alike_whatever_its_store_holds_and_in_whichever_order_it_came()
    {
        // Arrange: a backfill's hour of BTC across midnight, a revision of its second half published later, live ticks
        // in one of its minutes (three) and in three minutes after it (two each).
        var page = BackfillPages.Page("BTC", "binance", s_start, 60);
        var revised = BackfillPages.Page("BTC", "binance", s_start.AddMinutes(30), 30, shift: 1);
        var overlap = s_start.AddMinutes(40);
        List<CryptoPrice> ticks =
        [
            .. new[] { 10, 30, 50 }.Select((second, i) => TempLake.Tick("BTC", "binance", overlap.AddSeconds(second), price: 150 + i)),
            .. Enumerable.Range(0, 6).Select(i => TempLake.Tick("BTC", "binance", s_start.AddMinutes(70 + i / 2).AddSeconds(20 * (i % 2)), price: 160 + i)),
        ];
        await LakeRecords.ProducePagesAsync(_kafka, [page, revised]);
        await LakeRecords.ProduceAsync(_kafka, ticks);
        await using (var writer = new LakeWriterRig(_kafka, _lake, new LakeOptions { SegmentRecords = 1, SegmentAge = TimeSpan.FromMilliseconds(100) }))
        {
            await writer.StartAsync();
            await writer.CaughtUpAsync();
        }

        // Replica one took the pages, rolled up, then the ticks (late: merged behind its rollup); replica two the ticks,
        // then the pages in two batches; replica three holds other partitions (an ETH tick).
        _one.Store.Write(new PriceRows(), HistoryRows.Of([page, revised]));
        _one.RollUp(s_start.AddHours(3));
        _one.Store.Write(ticks);
        _two.Store.Write(ticks);
        _two.RollUp(s_start.AddHours(3));
        _two.Store.Write(new PriceRows(), HistoryRows.Of([page]));
        _two.Store.Write(new PriceRows(), HistoryRows.Of([revised]));
        _three.Store.Write([TempLake.Tick("ETH", "binance", s_start)]);
        _three.RollUp(s_start.AddHours(3));

        // Act
        var answers = new List<IReadOnlyList<Candle>>();
        foreach (var replica in new[] { _one, _two, _three })
        {
            var queries = new PriceQueries(replica.Store, QueryViews.WithLake(_lake.Layout.Root));
            answers.Add(await queries.GetCandlesAsync("BTC", "binance", s_minute, s_start, s_start.AddHours(2), Ct));
        }

        // Assert
        var expected = page.Candles.Where(c => c.Time != overlap).Select(BackfillPages.AsCandle)
            .Append(TickCandle(ticks.Take(3)))
            .Concat(ticks.Skip(3).Chunk(2).Select(TickCandle))
            .OrderBy(c => c.Time).ToList();
        Assert.All(answers, answer => Assert.Equal(expected, answer));
        Assert.Equal(expected, _lake.Query($"SELECT * FROM ({_lake.CandlesByRuleQuery}) WHERE symbol = 'BTC' ORDER BY bucket",
            r => new Candle(r.GetDateTime(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetInt64(7),
                r.IsDBNull(8) ? 0 : r.GetDouble(8), r.IsDBNull(9) ? 0 : r.GetDouble(9))));
    }

    private static Candle TickCandle(IEnumerable<CryptoPrice> minute)
    {
        var t = minute.OrderBy(p => p.EventTime).ToList();
        return new Candle(UtcMinute.Floor(t[0].EventTime), t[0].Price, t.Max(p => p.Price), t.Min(p => p.Price), t[^1].Price, t.Count,
            t.Sum(p => p.Volume ?? 0), t.Sum(p => p.QuoteVolume ?? 0));
    }

    public void Dispose()
    {
        _one.Dispose();
        _two.Dispose();
        _three.Dispose();
        _lake.Dispose();
        _kafka.Dispose();
    }
}
