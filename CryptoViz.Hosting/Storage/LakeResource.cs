namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Ingest's Parquet lake (its settings: <c>Ingest:Lake</c>), once published: a directory on a volume that every replica of Ingest mounts, at
/// <paramref name="path"/>, and the settings of its copy in an S3-compatible bucket. On the laptop it is no resource:
/// Ingest's default, <c>lake/</c> beside the DuckDB file, is already shared by the replicas there.
/// </summary>
/// <param name="bucketSettings">Ingest's <c>Ingest:Lake:S3</c> keys (<c>Bucket</c>, <c>SecretKey</c>, …) and the parameter each comes from.</param>
public sealed class LakeResource(string name, string path, IReadOnlyDictionary<string, ParameterResource> bucketSettings) : Resource(name)
{
    public string Path { get; } = path;

    public IReadOnlyDictionary<string, ParameterResource> BucketSettings { get; } = bucketSettings;
}
