using System.Globalization;
using System.Text.RegularExpressions;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// A lake file's name: the Kafka records it holds, <c>&lt;topic&gt;-&lt;partition&gt;-&lt;first offset&gt;-&lt;last offset&gt;.parquet</c>,
/// zero-padded so that names sort by partition, then offset. A file holds the rows of its directory (source, date) from
/// those offsets; the same name always holds the same rows (docs/lake.md#exactly-once).
/// </summary>
internal readonly partial record struct LakeFileName(string Topic, int Partition, long First, long Last)
{
    public const string Extension = ".parquet";

    /// <summary>Where a file is written before it is renamed into place: hidden from Spark, Trino and a <c>*.parquet</c> glob.</summary>
    public const string TempPrefix = ".";

    public const string TempExtension = ".tmp";

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Topic}-{Partition:D5}-{First:D19}-{Last:D19}{Extension}");

    public string TempFileName => TempPrefix + FileName + TempExtension;

    /// <summary>Whether this range holds every offset of <paramref name="other"/> and more (a merged file and one of its inputs).</summary>
    public bool Covers(LakeFileName other) =>
        Topic == other.Topic && Partition == other.Partition && First <= other.First && other.Last <= Last && this != other;

    public static bool TryParse(string fileName, out LakeFileName name)
    {
        var match = Pattern().Match(fileName);
        name = match.Success
            ? new LakeFileName(match.Groups["topic"].Value, int.Parse(match.Groups["partition"].ValueSpan, CultureInfo.InvariantCulture),
                long.Parse(match.Groups["first"].ValueSpan, CultureInfo.InvariantCulture), long.Parse(match.Groups["last"].ValueSpan, CultureInfo.InvariantCulture))
            : default;
        return match.Success;
    }

    /// <summary>A temporary file of this topic and partition (a write that never finished).</summary>
    public static bool IsTempOf(string fileName, string topic, int partition) =>
        fileName.StartsWith(TempPrefix, StringComparison.Ordinal) && fileName.EndsWith(TempExtension, StringComparison.Ordinal)
        && TryParse(fileName[TempPrefix.Length..^TempExtension.Length], out var name) && name.Topic == topic && name.Partition == partition;

    [GeneratedRegex(@"^(?<topic>[A-Za-z0-9._-]+)-(?<partition>\d{5})-(?<first>\d{19})-(?<last>\d{19})\.parquet$")]
    private static partial Regex Pattern();
}
