using System.Globalization;
using System.Text.RegularExpressions;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The name a topic partition's records are written under, per incarnation of the topic (docs/lake.md#a-topic-that-starts-over):
/// the topic's own name, and <c>&lt;topic&gt;.g&lt;n&gt;</c> once its offsets have started over below the lake's checkpoint
/// (a new broker: the embedded one at every start; a topic deleted and created again). The files of an earlier
/// incarnation stay as they are, for readers; the writer, its checkpoint and compaction only see the current one.
/// </summary>
internal static partial class LakeGenerations
{
    private const string Marker = ".g";

    /// <summary>The Kafka topic a lake name stands for.</summary>
    public static string KafkaTopic(string lakeTopic) => Suffix().Replace(lakeTopic, "");

    /// <summary>The name the partition's current incarnation is written under: the newest one its checkpoint knows.</summary>
    public static string Current(LakeLayout layout, string topic, int partition) =>
        Generation(Newest(layout, topic, partition), topic);

    /// <summary>The name for the partition's next incarnation, its checkpoint's directory made.</summary>
    public static string Next(LakeLayout layout, string topic, int partition)
    {
        var next = Generation(Newest(layout, topic, partition) + 1, topic);
        Directory.CreateDirectory(layout.SegmentsDirectory(next, partition));
        return next;
    }

    private static string Generation(int n, string topic) =>
        n == 0 ? topic : string.Create(CultureInfo.InvariantCulture, $"{topic}{Marker}{n}");

    private static int Newest(LakeLayout layout, string topic, int partition)
    {
        var segments = Path.GetDirectoryName(layout.SegmentsDirectory(topic, partition))!;
        if (!Directory.Exists(segments)) return 0;
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{partition:D5}");
        return Directory.EnumerateDirectories(segments)
            .Select(Path.GetFileName)
            .Where(name => name!.EndsWith(suffix, StringComparison.Ordinal) && KafkaTopic(name[..^suffix.Length]) == topic)
            .Select(name => name![..^suffix.Length] is var lakeTopic && lakeTopic.Length > topic.Length
                ? int.Parse(lakeTopic[(topic.Length + Marker.Length)..], CultureInfo.InvariantCulture)
                : 0)
            .DefaultIfEmpty(0)
            .Max();
    }

    [GeneratedRegex(@"\.g\d+$")]
    private static partial Regex Suffix();
}
