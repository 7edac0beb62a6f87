using System.Globalization;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Lake;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>Ingest's lake writer on the embedded broker: where it resumes, and what it makes of a crash midway through a segment.</summary>
public sealed class LakeWriterTests : IDisposable
{
    private static readonly DateTime s_start = new(2025, 9, 4, 23, 59, 0, DateTimeKind.Utc);
    private readonly EmbeddedKafkaFixture _kafka = new();

    [Fact]
    public async Task A_writer_killed_between_a_segments_files_and_its_commit_is_followed_by_one_that_writes_the_same_files_and_no_row_twice()
    {
        // Arrange: 3 sources × 8 coins × 90 s across midnight, re-published in part (the same keys at later offsets), and
        // what a writer that was never interrupted makes of them, in segments of 40 offsets.
        var prices = LakeRecords.Distinct(s_start, symbols: 8, sources: ["binance", "coingecko", "kraken"], seconds: 90);
        await LakeRecords.ProduceAsync(_kafka, prices);
        await LakeRecords.ProduceAsync(_kafka, prices.Where((_, i) => i % 7 == 0));
        using var clean = new TempLake();
        await using (var writer = new LakeWriterRig(_kafka, clean, new LakeOptions { SegmentRecords = 40, SegmentAge = TimeSpan.FromMilliseconds(100) }))
        {
            await writer.StartAsync();
            await writer.CaughtUpAsync();
        }

        // The crash: a copy of that lake in which one partition's last segment with files has its cut written down and its
        // tick files in place, but not its candles nor its commit, and a temporary file half written.
        using var crashed = new TempLake();
        CopyDirectory(clean.Layout.Root, crashed.Layout.Root);
        var last = crashed.Layout.AllFiles().Select(f => Name(f.Path)).OrderBy(n => n.Partition).ThenBy(n => n.Last).Last();
        var markers = crashed.Layout.SegmentsDirectory(Topics.RawData, last.Partition);
        foreach (var marker in Directory.GetFiles(markers)) File.Delete(marker);
        if (last.First > 0) File.WriteAllBytes(Path.Combine(markers, Marker(0, last.First - 1, ".committed")), []);
        File.WriteAllBytes(Path.Combine(markers, Marker(last.First, last.Last, ".pending")), []);
        foreach (var (_, path) in crashed.Layout.AllFiles().Where(f => f.Key.StartsWith("candles/", StringComparison.Ordinal) && Name(f.Path) == last).ToList())
        {
            File.Delete(path);
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, last.TempFileName), [0x50, 0x41]);
        }

        // Act: the next writer, whose own cut would be a single segment for the rest of the partition.
        await using (var writer = new LakeWriterRig(_kafka, crashed, new LakeOptions { SegmentRecords = 100_000, SegmentAge = TimeSpan.FromMilliseconds(100) }))
        {
            await writer.StartAsync();
            await writer.CaughtUpAsync();
        }

        // Assert: the same files, byte for byte, every key once, nothing half written.
        Assert.Equal(clean.Files(), crashed.Files());
        Assert.Equal(prices.Count, crashed.Ticks().Count);
        Assert.Equal(prices.Count, crashed.Ticks().Distinct().Count());
        Assert.Empty(crashed.TempFiles());
    }

    [Fact]
    public async Task A_restarted_writer_resumes_after_its_last_commit_and_adds_only_what_came_since()
    {
        var first = LakeRecords.Distinct(s_start, symbols: 4, sources: ["binance"], seconds: 10);
        var later = LakeRecords.Distinct(s_start.AddMinutes(5), symbols: 4, sources: ["binance"], seconds: 10);
        using var lake = new TempLake();
        await LakeRecords.ProduceAsync(_kafka, first);
        await using (var writer = new LakeWriterRig(_kafka, lake, new LakeOptions { SegmentAge = TimeSpan.FromMilliseconds(100) }))
        {
            await writer.StartAsync();
            await writer.CaughtUpAsync();
        }

        var before = lake.Files();
        await LakeRecords.ProduceAsync(_kafka, [.. later, .. first]);
        await using (var writer = new LakeWriterRig(_kafka, lake, new LakeOptions { SegmentAge = TimeSpan.FromMilliseconds(100) }))
        {
            await writer.StartAsync();
            await writer.CaughtUpAsync();
        }

        Assert.Equal(first.Count + later.Count, lake.Ticks().Count);
        Assert.All(before, file => Assert.Equal(file.Value, lake.Files()[file.Key]));
    }

    [Fact]
    public async Task A_topic_that_starts_over_is_written_as_a_new_generation_and_the_earlier_files_stay()
    {
        // Arrange: a lake of a first broker's records; then a new broker (as the embedded one is at every start) whose
        // partitions hold fewer records than the lake has committed, then more in a second run; then a third broker
        // that holds more than the lake has committed before the writer resumes.
        var first = LakeRecords.Distinct(s_start, symbols: 4, sources: ["binance"], seconds: 20);
        var second = LakeRecords.Distinct(s_start.AddMinutes(5), symbols: 4, sources: ["binance"], seconds: 3);
        var third = LakeRecords.Distinct(s_start.AddMinutes(10), symbols: 4, sources: ["binance"], seconds: 3);
        var fourth = LakeRecords.Distinct(s_start.AddMinutes(15), symbols: 4, sources: ["binance"], seconds: 40);
        using var lake = new TempLake();
        await LakeRecords.ProduceAsync(_kafka, first);
        await RunWriterAsync(_kafka, lake);
        var before = lake.Files();

        // Act
        using (var shorter = new EmbeddedKafkaFixture())
        {
            await LakeRecords.ProduceAsync(shorter, second);
            await RunWriterAsync(shorter, lake);
            await LakeRecords.ProduceAsync(shorter, third);
            await RunWriterAsync(shorter, lake);
        }

        using var longer = new EmbeddedKafkaFixture();
        await LakeRecords.ProduceAsync(longer, fourth);
        await RunWriterAsync(longer, lake);

        // Assert: every record of the three brokers once; the first broker's files as they were, the others' each under
        // a generation's name of their own.
        Assert.Equal(
            first.Concat(second).Concat(third).Concat(fourth).Select(p => (p.Symbol, p.Source, p.EventTime)).Order(),
            lake.Ticks().Select(t => (t.Symbol, t.Source, t.EventTime)).Order());
        Assert.All(before, file => Assert.Equal(file.Value, lake.Files()[file.Key]));
        Assert.Equal(["crypto-raw-data.g1", "crypto-raw-data.g2"],
            lake.Files().Keys.Except(before.Keys).Select(key => Name(key).Topic).Distinct().Order());
    }

    private static async Task RunWriterAsync(EmbeddedKafkaFixture kafka, TempLake lake)
    {
        await using var writer = new LakeWriterRig(kafka, lake, new LakeOptions { SegmentAge = TimeSpan.FromMilliseconds(100) });
        await writer.StartAsync();
        await writer.CaughtUpAsync();
    }

    private static LakeFileName Name(string path) => LakeFileName.TryParse(Path.GetFileName(path), out var name) ? name : throw new InvalidOperationException(path);

    private static string Marker(long first, long last, string kind) => string.Create(CultureInfo.InvariantCulture, $"{first:D19}-{last:D19}{kind}");

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _kafka.Dispose();
}
