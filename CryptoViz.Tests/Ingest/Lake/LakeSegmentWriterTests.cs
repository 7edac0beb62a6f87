using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>A segment's files, their names and rows, and what a crash midway leaves to its rewrite, on real Parquet files.</summary>
public sealed class LakeSegmentWriterTests : IDisposable
{
    private static readonly DateTime s_midnight = new(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempLake _lake = new();

    [Fact]
    public void Writes_ticks_and_their_candles_by_source_and_date_each_file_named_by_its_kafka_origin()
    {
        // Arrange: two sources, on both sides of midnight; one record the validator refused.
        CryptoPrice?[] records =
        [
            TempLake.Tick("BTC", "binance", s_midnight.AddSeconds(-30.25), price: 10),
            TempLake.Tick("BTC", "binance", s_midnight.AddSeconds(-0.5), price: 12),
            null,
            TempLake.Tick("BTC", "binance", s_midnight.AddSeconds(20.000001), price: 11),
            TempLake.Tick("ETH", "coingecko", s_midnight.AddSeconds(5), price: 3),
        ];
        using var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry);

        // Act
        var (files, rows) = writer.Write(TempLake.Segment(partition: 2, first: 40, records));

        // Assert: per table, source and date one file named by topic, partition and offsets; DuckDB reads the ticks back as given.
        const string Name = "crypto-raw-data-00002-0000000000000000040-0000000000000000044.parquet";
        Assert.Equal(4, rows);
        Assert.Equal(
        [
            $"candles/source=binance/date=2026-12-06/{Name}", $"candles/source=binance/date=2026-12-07/{Name}", $"candles/source=coingecko/date=2026-12-07/{Name}",
            $"ticks/source=binance/date=2026-12-06/{Name}", $"ticks/source=binance/date=2026-12-07/{Name}", $"ticks/source=coingecko/date=2026-12-07/{Name}",
        ], _lake.Files().Keys);
        Assert.Equal(6, files.Count);
        Assert.Equal(
            records.OfType<CryptoPrice>().Select(p => (p.Symbol, p.Source, p.EventTime, p.Price, DateOnly.FromDateTime(p.EventTime))).Order(),
            _lake.Ticks().Select(t => (t.Symbol, t.Source, DateTime.SpecifyKind(t.EventTime, DateTimeKind.Utc), t.Price, t.Date)));
        Assert.Empty(_lake.TempFiles());
    }

    [Fact]
    public void Candle_parts_hold_each_minute_of_their_ticks_with_open_high_low_close_count_and_volume()
    {
        var minute = s_midnight.AddMinutes(5);
        using var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry);
        writer.Write(TempLake.Segment(0, 0, [
            TempLake.Tick("BTC", "binance", minute.AddSeconds(1), price: 10, volume: 1),
            TempLake.Tick("BTC", "binance", minute.AddSeconds(30), price: 14, volume: 2),
            TempLake.Tick("BTC", "binance", minute.AddSeconds(59), price: 9, volume: 4),
            TempLake.Tick("BTC", "binance", minute.AddMinutes(1), price: 11, volume: 8),
        ]));

        var candles = _lake.Query($"SELECT bucket, open, high, low, close, ticks, volume FROM {_lake.CandlesQuery} ORDER BY bucket",
            r => (r.GetDateTime(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5), r.GetDouble(6)));

        Assert.Equal([(minute, 10, 14, 9, 9, 3L, 7), (minute.AddMinutes(1), 11, 11, 11, 11, 1L, 8)], candles);
    }

    [Fact]
    public void A_key_repeated_at_a_later_offset_or_in_the_same_segment_stays_once_with_its_first_row()
    {
        // Arrange: BTC at t in the first segment; again (re-published, another price) within it and in the next segment.
        var t = s_midnight.AddHours(3);
        using var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry);

        // Act
        writer.Write(TempLake.Segment(1, 0, [TempLake.Tick("BTC", "binance", t, price: 1), TempLake.Tick("BTC", "binance", t, price: 2)]));
        var (_, rows) = writer.Write(TempLake.Segment(1, 2, [TempLake.Tick("BTC", "binance", t, price: 3), TempLake.Tick("BTC", "binance", t.AddSeconds(1), price: 4)]));

        // Assert
        Assert.Equal(1, rows);
        Assert.Equal([("BTC", t, 1.0), ("BTC", t.AddSeconds(1), 4.0)], _lake.Ticks().Select(r => (r.Symbol, r.EventTime, r.Price)));
    }

    [Fact]
    public void A_crash_between_a_segments_files_and_its_commit_is_rewritten_to_the_same_bytes_with_no_row_twice()
    {
        // Arrange: what an uninterrupted writer makes of two segments, the second repeating a key of the first.
        var t = s_midnight.AddHours(9);
        CryptoPrice?[] first = [TempLake.Tick("BTC", "binance", t), TempLake.Tick("ETH", "binance", t), TempLake.Tick("BTC", "kraken", t)];
        CryptoPrice?[] second = [TempLake.Tick("BTC", "binance", t), TempLake.Tick("BTC", "binance", t.AddSeconds(1)), null, TempLake.Tick("SOL", "kraken", t.AddDays(1))];
        using var clean = new TempLake();
        using (var writer = new LakeSegmentWriter(clean.Layout, clean.Telemetry))
        {
            writer.Write(TempLake.Segment(0, 100, first));
            writer.Write(TempLake.Segment(0, 103, second));
        }

        // Act: the first segment committed, the second's cut written down and its files in place, then the process dies
        // (with a half-written temporary file beside them); a new writer resumes the partition and writes it again.
        using (var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry))
        {
            writer.Write(TempLake.Segment(0, 100, first));
            var segment = TempLake.Segment(0, 103, second);
            writer.Checkpoint.Intend(segment.Name);
            writer.WriteFiles(segment, out _);
        }

        var half = Path.Combine(_lake.Layout.Directory(LakeLayout.Candles, "kraken", DateOnly.FromDateTime(t)), new LakeFileName(Topics.RawData, 0, 103, 106).TempFileName);
        File.WriteAllBytes(half, [1, 2, 3]);
        LakeResume resume;
        using (var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry))
        {
            resume = writer.Checkpoint.Recover(Topics.RawData, 0);
            writer.Write(TempLake.Segment(0, resume.CommittedLast!.Value + 1, second, resume.Pending!.Value.Last));
        }

        // Assert: it resumed at the second segment with its cut, and made the uninterrupted writer's files, byte for byte.
        Assert.Equal(new LakeResume(102, new LakeFileName(Topics.RawData, 0, 103, 106)), resume);
        Assert.Equal(clean.Files(), _lake.Files());
        Assert.Equal(5, _lake.Ticks().Count);
        Assert.Empty(_lake.TempFiles());
    }

    [Fact]
    public void Resuming_a_partition_drops_the_files_of_a_cut_that_was_never_committed_and_keeps_the_committed_and_the_other_partitions()
    {
        // Arrange: partition 0 committed up to 9; files of an uncommitted segment 10-19 with no cut written down for it
        // (another writer's, say), and partition 1's files.
        var t = s_midnight.AddHours(1);
        using (var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry))
        {
            writer.Write(TempLake.Segment(0, 0, [TempLake.Tick("BTC", "binance", t)], forcedLast: null));
            writer.Write(TempLake.Segment(1, 0, [TempLake.Tick("ETH", "binance", t)]));
            writer.WriteFiles(TempLake.Segment(0, 1, [TempLake.Tick("BTC", "binance", t.AddSeconds(1))]), out _);
        }

        // Act
        using var resumer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry);
        var resume = resumer.Checkpoint.Recover(Topics.RawData, 0);

        // Assert
        Assert.Equal(new LakeResume(0, null), resume);
        Assert.Equal([("BTC", t), ("ETH", t)], _lake.Ticks().Select(r => (r.Symbol, r.EventTime)));
        Assert.Equal(4, _lake.Files().Count);
    }

    public void Dispose() => _lake.Dispose();
}
