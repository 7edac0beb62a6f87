using System.Globalization;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The lake is its own checkpoint, per partition of <c>crypto-raw-data</c>, as Kafka Connect's S3 sink is: a segment's cut
/// is written down (<c>&lt;first&gt;-&lt;last&gt;.pending</c>) before any of its files, and marked committed once they are all
/// in place. The highest committed segment says where the partition resumes; a pending one right after it is written
/// again with the same cut, so a crash anywhere leaves files that the rewrite reproduces byte for byte.
/// </summary>
internal sealed class LakeCheckpoint(LakeLayout layout)
{
    private const string Pending = ".pending";
    private const string Committed = ".committed";

    /// <summary>
    /// Where a newly assigned partition resumes, after clearing what a writer that stopped midway left that its rewrite
    /// will not reproduce: other pending cuts, files beyond the committed offsets of any other cut, temporary files.
    /// </summary>
    public LakeResume Recover(string topic, int partition)
    {
        var directory = layout.SegmentsDirectory(topic, partition);
        Directory.CreateDirectory(directory);
        var committed = Markers(directory, Committed).OrderBy(m => m.Last).ToList();
        var committedLast = committed.Count > 0 ? committed[^1].Last : (long?)null;
        var lastRecord = committed.Count > 0 ? File.ReadAllText(Path(directory, committed[^1], Committed)) : "";
        foreach (var older in committed.SkipLast(1)) File.Delete(Path(directory, older, Committed));

        var pending = Markers(directory, Pending).ToList();
        var resumed = pending.Where(p => committedLast is not { } last || p.First == last + 1).OrderBy(p => p.First).Take(1)
            .Select(p => (LakeFileName?)new LakeFileName(topic, partition, p.First, p.Last)).SingleOrDefault();
        foreach (var stale in pending.Where(p => resumed is not { } r || p.First != r.First || p.Last != r.Last))
        {
            File.Delete(Path(directory, stale, Pending));
        }

        foreach (var table in LakeLayout.Tables)
        {
            foreach (var tableDirectory in layout.Directories(table))
            {
                foreach (var (name, path) in LakeLayout.FilesOf(tableDirectory, topic, partition))
                {
                    if (name.Last > (committedLast ?? -1) && name != resumed) File.Delete(path);
                }

                foreach (var temp in Directory.GetFiles(tableDirectory, LakeFileName.TempPrefix + "*"))
                {
                    if (LakeFileName.IsTempOf(System.IO.Path.GetFileName(temp), topic, partition)) File.Delete(temp);
                }
            }
        }

        return new LakeResume(committedLast, resumed, lastRecord.Length > 0 ? lastRecord : null);
    }

    /// <summary>
    /// Writes a segment's cut down before its files, with what tells its last record from another at the same offset
    /// (<see cref="LakeRecordIdentity"/>): where the partition resumes, that record is read again to see whether the topic
    /// is still the same (docs/lake.md#a-topic-that-starts-over).
    /// </summary>
    public void Intend(LakeFileName segment, string? lastRecord = null)
    {
        Directory.CreateDirectory(layout.SegmentsDirectory(segment.Topic, segment.Partition));
        LakeFiles.WriteDurably(Path(segment, Pending), System.Text.Encoding.UTF8.GetBytes(lastRecord ?? ""));
    }

    /// <summary>Marks a segment committed once all its files are in place; the one before it goes.</summary>
    public void Commit(LakeFileName segment)
    {
        var directory = layout.SegmentsDirectory(segment.Topic, segment.Partition);
        File.Move(Path(segment, Pending), Path(segment, Committed), overwrite: true);
        foreach (var older in Markers(directory, Committed).Where(m => m.Last < segment.Last))
        {
            File.Delete(Path(directory, older, Committed));
        }
    }

    private string Path(LakeFileName segment, string kind) =>
        Path(layout.SegmentsDirectory(segment.Topic, segment.Partition), (segment.First, segment.Last), kind);

    private static string Path(string directory, (long First, long Last) range, string kind) =>
        System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{range.First:D19}-{range.Last:D19}{kind}"));

    private static IEnumerable<(long First, long Last)> Markers(string directory, string kind) =>
        Directory.GetFiles(directory, "*" + kind)
            .Select(path => System.IO.Path.GetFileNameWithoutExtension(path).Split('-'))
            .Where(parts => parts.Length == 2)
            .Select(parts => (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture)));
}

/// <summary>
/// What a newly assigned partition's lake holds: the last committed offset, the cut of a segment in flight, and the
/// identity of the last committed record (null from markers written before it was kept).
/// </summary>
internal readonly record struct LakeResume(long? CommittedLast, LakeFileName? Pending, string? LastRecord = null);
