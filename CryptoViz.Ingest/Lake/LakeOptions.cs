using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Configuration section <c>Ingest:Lake</c>: the Parquet lake that Ingest writes beside its hot store (docs/lake.md#configuration).
/// </summary>
public sealed class LakeOptions
{
    public const string SectionName = "Ingest:Lake";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The lake's directory; by default <c>lake/</c> beside the DuckDB file. Replicas that share one lake (a shared
    /// volume) each write the partitions of <c>crypto-raw-data</c> they own: the file names never collide.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The lake's own consumer group: it reads <c>crypto-raw-data</c> at its own pace and keeps its own checkpoint.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "cryptoviz-ingest-lake";

    /// <summary>A partition's segment is written once it spans this many offsets...</summary>
    [Range(1, 10_000_000)]
    public int SegmentRecords { get; set; } = 100_000;

    /// <summary>...or once its first record has waited this long: how far the lake may trail the hot store.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SegmentAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between compactions of the small files segments leave; the first runs one interval after start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Compaction merges neighbouring files while the merged file stays within this size.</summary>
    [Range(1024, 1L << 40)]
    public long CompactedFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Whether the query API reads the lake beside the hot store, for the keys the hot store lacks: what lets any of
    /// several replicas answer for every partition (docs/lake.md#queries-across-replicas). The AppHost turns it on with
    /// more than one Ingest replica; one replica holds everything recent itself.
    /// </summary>
    public bool ServeQueries { get; set; }

    /// <summary>A copy of the lake in an S3-compatible bucket, when <see cref="LakeS3Options.Bucket"/> is set.</summary>
    public LakeS3Options S3 { get; set; } = new();
}
