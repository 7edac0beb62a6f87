using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>Compaction on real Parquet files: what it merges, what it names the result, and what a crash midway leaves.</summary>
public sealed class LakeCompactorTests : IDisposable
{
    private static readonly DateTime s_start = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
    private readonly TempLake _lake = new();

    [Fact]
    public void Merges_a_partitions_neighbouring_files_into_one_named_by_their_whole_range_and_keeps_every_row_and_candle()
    {
        // Arrange: four segments of partition 0 (one without a binance tick) and one of partition 1, all committed.
        WriteSegments();
        var ticks = _lake.Ticks();
        var candles = MergedCandles();
        var partsPerMinute = CandlePartsPerMinute();

        // Act
        using var compactor = new LakeCompactor(_lake.Layout, _lake.Telemetry, compactedFileBytes: 1 << 30);
        var (inputs, outputs) = compactor.Compact(Topics.RawData, partition: 0, committedLast: 39);

        // Assert: partition 0's three binance files are one, named 0-39; kraken's two are one; partition 1's file stays.
        Assert.Equal((5, 2), (inputs, outputs));
        Assert.Equal(
        [
            "candles/source=binance/date=2026-12-07/crypto-raw-data-00000-0000000000000000000-0000000000000000039.parquet",
            "candles/source=binance/date=2026-12-07/crypto-raw-data-00001-0000000000000000000-0000000000000000000.parquet",
            "candles/source=kraken/date=2026-12-07/crypto-raw-data-00000-0000000000000000010-0000000000000000029.parquet",
            "ticks/source=binance/date=2026-12-07/crypto-raw-data-00000-0000000000000000000-0000000000000000039.parquet",
            "ticks/source=binance/date=2026-12-07/crypto-raw-data-00001-0000000000000000000-0000000000000000000.parquet",
            "ticks/source=kraken/date=2026-12-07/crypto-raw-data-00000-0000000000000000010-0000000000000000029.parquet",
        ], _lake.Files().Keys);
        Assert.Equal(ticks, _lake.Ticks());
        Assert.Equal(candles, MergedCandles());
        Assert.True(partsPerMinute > 1, $"segments split no minute ({partsPerMinute})");
        Assert.Equal(1, CandlePartsPerMinute());
    }

    [Fact]
    public void Leaves_files_beyond_the_committed_offsets_and_files_as_big_as_the_target_alone()
    {
        WriteSegments();
        var before = _lake.Files();

        using var compactor = new LakeCompactor(_lake.Layout, _lake.Telemetry, compactedFileBytes: 1);
        var merged = compactor.Compact(Topics.RawData, partition: 0, committedLast: 39);
        using var uncommitted = new LakeCompactor(_lake.Layout, _lake.Telemetry, compactedFileBytes: 1 << 30);
        var none = uncommitted.Compact(Topics.RawData, partition: 0, committedLast: 9);

        Assert.Equal((0, 0), merged);
        Assert.Equal((0, 0), none);
        Assert.Equal(before, _lake.Files());
    }

    [Fact]
    public void A_compaction_cut_short_after_its_merged_tick_file_is_finished_by_the_next_with_no_row_twice()
    {
        // Arrange: a compaction that died once its merged tick file was in place: its inputs and their candles still there,
        // the merged candles not written yet.
        WriteSegments();
        var ticks = _lake.Ticks();
        var candles = MergedCandles();
        var inputs = _lake.Layout.AllFiles().ToDictionary(f => f.Key, f => File.ReadAllBytes(f.Path));
        using (var compactor = new LakeCompactor(_lake.Layout, _lake.Telemetry, compactedFileBytes: 1 << 30))
        {
            compactor.Compact(Topics.RawData, partition: 0, committedLast: 39);
        }

        var compacted = _lake.Files();
        foreach (var (key, bytes) in inputs) File.WriteAllBytes(Path.Combine(_lake.Layout.Root, key), bytes);
        foreach (var key in compacted.Keys.Where(k => k.StartsWith("candles/", StringComparison.Ordinal) && !inputs.ContainsKey(k)))
        {
            File.Delete(Path.Combine(_lake.Layout.Root, key));
        }

        // Act
        using var next = new LakeCompactor(_lake.Layout, _lake.Telemetry, compactedFileBytes: 1 << 30);
        next.Compact(Topics.RawData, partition: 0, committedLast: 39);

        // Assert: the same files as the compaction that was not cut short, byte for byte.
        Assert.Equal(compacted, _lake.Files());
        Assert.Equal(ticks, _lake.Ticks());
        Assert.Equal(candles, MergedCandles());
    }

    /// <summary>Segments 0-9, 10-19, 20-29, 30-39 of partition 0 (binance in all but 20-29, kraken in 10-29) and 0 of partition 1.</summary>
    private void WriteSegments()
    {
        using var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry);
        for (var segment = 0; segment < 4; segment++)
        {
            // Each segment spans about half a minute: neighbouring segments share minutes.
            var time = s_start.AddSeconds(30 * segment);
            var records = new List<CryptoPrice?>();
            if (segment != 2) records.AddRange(Enumerable.Range(0, 4).Select(i => TempLake.Tick("BTC", "binance", time.AddSeconds(10 * i + segment), price: 100 + i)));
            if (segment is 1 or 2) records.Add(TempLake.Tick("ETH", "kraken", time.AddSeconds(7), price: 10 + segment));
            while (records.Count < 10) records.Add(null);
            writer.Write(TempLake.Segment(0, 10 * segment, records));
        }

        writer.Write(TempLake.Segment(1, 0, [TempLake.Tick("SOL", "binance", s_start)]));
    }

    private long CandlePartsPerMinute() => _lake.Query(
        $"SELECT max(parts) FROM (SELECT count(*) AS parts FROM {_lake.CandlesQuery} GROUP BY source, symbol, bucket)", r => r.GetInt64(0)).Single();

    /// <summary>The statement for exact 1-minute candles from the candle parts (docs/lake.md#reading-the-lake).</summary>
    private List<(string, string, DateTime, double, double, double, double, long, double)> MergedCandles() => _lake.Query($"""
        SELECT source, symbol, bucket, arg_min(open, opened_at), max(high), min(low), arg_max(close, closed_at), sum(ticks)::BIGINT, sum(volume)
        FROM {_lake.CandlesQuery} GROUP BY source, symbol, bucket ORDER BY source, symbol, bucket
        """, r => (r.GetString(0), r.GetString(1), r.GetDateTime(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetInt64(7), r.GetDouble(8)));

    public void Dispose() => _lake.Dispose();
}
