using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>
/// History pages in the lake (docs/lake.md#history), written by Ingest's lake writer from the embedded broker: each
/// minute once, as first published, by source and date; what the validator refuses never.
/// </summary>
public sealed class LakeHistoryTests : IDisposable
{
    private static readonly DateTime s_start = new(2025, 9, 4, 23, 30, 0, DateTimeKind.Utc);
    private readonly EmbeddedKafkaFixture _kafka = new();
    private readonly TempLake _lake = new();

    [Fact]
    public async Task Each_minute_is_in_the_lake_once_as_first_published_and_compaction_keeps_every_candle()
    {
        // Arrange: BTC's hour across midnight in pages of ten minutes, then a revision of its last half hour (a provider that changed its prices),
        // a redelivery of the first page, an ETH page from another source, and a page the validator refuses.
        var pages = Enumerable.Range(0, 6).Select(i => BackfillPages.Page("BTC", "binance", s_start.AddMinutes(10 * i), 10)).ToList();
        var revised = BackfillPages.Page("BTC", "binance", s_start.AddMinutes(30), 30, shift: 1);
        var eth = BackfillPages.Page("ETH", "coingecko", s_start, 10);
        var refused = BackfillPages.Page("SOL", "binance", s_start, 10) with { To = s_start };
        await LakeRecords.ProducePagesAsync(_kafka, [.. pages, revised, eth, pages[0], refused]);

        // Act: in segments of one page, then compacted.
        await using (var writer = new LakeWriterRig(_kafka, _lake, new LakeOptions { SegmentRecords = 1, SegmentAge = TimeSpan.FromMilliseconds(100) }))
        {
            await writer.StartAsync();
            await writer.CaughtUpAsync();
            var written = History();
            var files = _lake.Files().Count;
            using var compactor = new LakeCompactor(_lake.Layout, _lake.Telemetry, 1 << 20);
            foreach (var (partition, progress) in writer.Partitions.Snapshot().Where(p => p.Key.Topic == Topics.Candles))
            {
                compactor.Compact(progress.LakeTopic, partition.Partition.Value, progress.Committed);
            }

            // Assert
            var expected = pages.SelectMany(p => p.Candles).Select(c => ("BTC", "binance", c.Time, c.Open, c.Volume, DateOnly.FromDateTime(c.Time)))
                .Concat(eth.Candles.Select(c => ("ETH", "coingecko", c.Time, c.Open, c.Volume, DateOnly.FromDateTime(c.Time))))
                .Order().ToList();
            Assert.Equal(expected, written);
            Assert.Equal(expected, History());
            Assert.Equal([new DateOnly(2025, 9, 4), new DateOnly(2025, 9, 5)], written.Select(c => c.Date).Distinct().Order());
            Assert.True(_lake.Files().Count < files, $"{files} files before compaction, {_lake.Files().Count} after");
            Assert.All(_lake.Files().Keys, key => Assert.StartsWith("history/", key, StringComparison.Ordinal));
        }
    }

    // The statement of docs/lake.md#history.
    private List<(string Symbol, string Source, DateTime Bucket, double Open, double? Volume, DateOnly Date)> History() =>
        _lake.Query($"SELECT symbol, source, bucket, open, volume, date FROM {_lake.HistoryQuery} ORDER BY ALL",
            r => (r.GetString(0), r.GetString(1), r.GetDateTime(2), r.GetDouble(3), r.IsDBNull(4) ? (double?)null : r.GetDouble(4),
                DateOnly.FromDateTime(r.GetDateTime(5))));

    public void Dispose()
    {
        _lake.Dispose();
        _kafka.Dispose();
    }
}
