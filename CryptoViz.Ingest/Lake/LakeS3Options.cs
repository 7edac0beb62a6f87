using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Configuration section <c>Ingest:Lake:S3</c>. Keys come from configuration or the environment
/// (<c>Ingest__Lake__S3__SecretKey</c>), or else from the AWS SDK's own chain (<c>AWS_ACCESS_KEY_ID</c>, a role); they are
/// never logged.
/// </summary>
public sealed class LakeS3Options
{
    /// <summary>The bucket; unset, the lake stays local.</summary>
    public string? Bucket { get; set; }

    /// <summary>An S3-compatible server, e.g. <c>http://minio:9000</c>; unset, AWS S3 in <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    [Required]
    public string Region { get; set; } = "us-east-1";

    /// <summary>Keys start with this, e.g. <c>cryptoviz/lake/</c>, followed by the lake's own layout (<c>ticks/source=…</c>).</summary>
    public string Prefix { get; set; } = "";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addresses (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Time between two passes that copy what the bucket lacks, besides the pass after each segment and compaction.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Bucket);
}
