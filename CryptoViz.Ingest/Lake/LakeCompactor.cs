using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Merges a partition's small committed files, directory by directory: neighbouring tick files (by offset) while the
/// merged file stays within <see cref="LakeOptions.CompactedFileBytes"/>, named by the whole range they cover, with
/// candles rolled up from the merged ticks (a partition of <c>crypto-candles</c>: its history files, alone). The merged
/// files are in place before the inputs go, and a merge that a crash interrupted is finished first: inputs covered by a
/// merged file go, a tick file without its candles gets them. Used by one thread at a time, under
/// <see cref="LakePartitions.Lock"/>.
/// </summary>
internal sealed class LakeCompactor(LakeLayout layout, LakeTelemetry telemetry, long compactedFileBytes) : IDisposable
{
    private readonly LakeDuckDB _duckdb = new();

    /// <summary>Compacts the files of one partition (by the name it is written under) up to its last committed offset.</summary>
    /// <returns>How many files were merged into how many.</returns>
    public (int Inputs, int Outputs) Compact(string topic, int partition, long committedLast)
    {
        using var activity = IngestTelemetry.Source.StartActivity("lake compaction");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.destination.partition.id", partition.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (inputs, outputs) = (0, 0);
        var history = LakeGenerations.KafkaTopic(topic) == Topics.Candles;
        foreach (var directory in layout.Directories(history ? LakeLayout.History : LakeLayout.Ticks).ToList())
        {
            var files = history ? Committed(directory, topic, partition, committedLast) : Finish(directory, topic, partition, committedLast);
            foreach (var group in Groups(files).Where(g => g.Count > 1))
            {
                var merged = new LakeFileName(topic, partition, group[0].Name.First, group[^1].Name.Last);
                var written = history
                    ? [LakePublish.One(_duckdb.Connection, LakeLayout.History, directory, merged, temp => LakeSql.CopyMergedHistory([.. group.Select(f => f.Path)], temp))]
                    : LakePublish.Pair(_duckdb.Connection, layout, directory, merged, temp => LakeSql.CopyMerged([.. group.Select(f => f.Path)], temp));
                LakeSegmentWriter.Count(telemetry, written, "compaction");
                // Candles first: a tick file whose candles are gone would get them again, a candle file never loses its ticks.
                foreach (var (name, _) in group) DeleteIfExists(Path.Combine(layout.Sibling(directory, LakeLayout.Candles), name.FileName));
                foreach (var (_, path) in group) File.Delete(path);
                telemetry.Compactions.Add(group.Count);
                inputs += group.Count;
                outputs++;
            }
        }

        activity?.SetTag("cryptoviz.lake.inputs", inputs);
        return (inputs, outputs);
    }

    /// <summary>The directory's committed tick files of the partition, once what a crash left half done is finished.</summary>
    private List<(LakeFileName Name, string Path, long Bytes)> Finish(string directory, string topic, int partition, long committedLast)
    {
        var candles = layout.Sibling(directory, LakeLayout.Candles);
        var ticks = Uncovered(directory, topic, partition, committedLast);

        foreach (var (name, path) in ticks.Where(f => !File.Exists(Path.Combine(candles, f.Name.FileName))))
        {
            LakePublish.Candles(_duckdb.Connection, layout, path, name);
        }

        var candleFiles = LakeLayout.FilesOf(candles, topic, partition).Where(f => f.Name.Last <= committedLast).ToList();
        foreach (var covered in candleFiles.Where(f => candleFiles.Any(other => other.Name.Covers(f.Name))))
        {
            File.Delete(covered.Path);
        }

        return [.. ticks.Select(f => (f.Name, f.Path, new FileInfo(f.Path).Length))];
    }

    /// <summary>The directory's committed files of the partition, once the inputs of a finished merge are gone.</summary>
    private static List<(LakeFileName Name, string Path, long Bytes)> Committed(string directory, string topic, int partition, long committedLast) =>
        [.. Uncovered(directory, topic, partition, committedLast).Select(f => (f.Name, f.Path, new FileInfo(f.Path).Length))];

    private static List<(LakeFileName Name, string Path)> Uncovered(string directory, string topic, int partition, long committedLast)
    {
        var files = LakeLayout.FilesOf(directory, topic, partition).Where(f => f.Name.Last <= committedLast).ToList();
        foreach (var covered in files.Where(f => files.Any(other => other.Name.Covers(f.Name))).ToList())
        {
            File.Delete(covered.Path);
            files.Remove(covered);
        }

        return files;
    }

    /// <summary>Runs of neighbouring files whose sizes add up to at most the target; a file as big stays alone.</summary>
    private List<List<(LakeFileName Name, string Path)>> Groups(List<(LakeFileName Name, string Path, long Bytes)> files)
    {
        var groups = new List<List<(LakeFileName Name, string Path)>>();
        var bytes = long.MaxValue;
        foreach (var file in files)
        {
            if (bytes + file.Bytes > compactedFileBytes || bytes == long.MaxValue)
            {
                groups.Add([]);
                bytes = 0;
            }

            groups[^1].Add((file.Name, file.Path));
            bytes += file.Bytes;
        }

        return groups;
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    public void Dispose() => _duckdb.Dispose();
}
