using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Publishing;

namespace Aspire.Hosting;

public static class LakeBuilderExtensions
{
    /// <summary>Where the lake's volume is mounted in the published containers, and so Ingest's <c>Ingest:Lake:Path</c>.</summary>
    public const string PublishedPath = "/lake";

    // Ingest's Ingest:Lake:S3 keys (CryptoViz.Ingest/Lake/LakeS3Options.cs). Every default is a value Ingest starts with: an
    // empty bucket leaves S3 off, and the region and the path style, which Ingest refuses empty, default to its own defaults.
    private static readonly BucketSetting[] s_bucketSettings =
    [
        new("Bucket", "bucket", "", Secret: false,
            "S3-compatible bucket that keeps a copy of Ingest's Parquet lake; empty keeps the lake on its volume only"),
        new("ServiceUrl", "service-url", "", Secret: false, "address of an S3-compatible server (e.g. http://minio:9000); empty is AWS S3"),
        new("Region", "region", "us-east-1", Secret: false, "the bucket's AWS region, or the signing region of an S3-compatible server"),
        new("Prefix", "prefix", "", Secret: false, "start of every object key (e.g. cryptoviz/lake/); empty puts the lake at the bucket's root"),
        new("ForcePathStyle", "force-path-style", "true", Secret: false,
            "true: path-style addresses (server/bucket/key), which most S3-compatible servers need; false: virtual-hosted (AWS)"),
        new("AccessKey", "access-key", "", Secret: true,
            "access key id of the bucket; empty with the secret key leaves the credentials to the AWS SDK (AWS_* variables, a role)"),
        new("SecretKey", "secret-key", "", Secret: true, "secret access key of the bucket"),
    ];

    /// <summary>
    /// Ingest's Parquet lake (<c>Ingest:Lake</c>). Once published: a volume that every replica of Ingest mounts at once (a
    /// ReadWriteMany claim on Kubernetes) and the parameters of its optional copy in an S3-compatible bucket
    /// (<c>&lt;name&gt;-s3-bucket</c>, …, the keys secret), which the outputs leave to their <c>.env</c>, values and secrets
    /// files. In run mode it stays out of the model: the replicas on the laptop share Ingest's default, <c>lake/</c> beside
    /// the DuckDB file, and a bucket is Ingest's own setting.
    /// </summary>
    public static IResourceBuilder<LakeResource> AddLake(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return builder.CreateResourceBuilder(new LakeResource(name, PublishedPath, new Dictionary<string, ParameterResource>()));
        }

        var settings = s_bucketSettings.ToDictionary(s => s.Key, s =>
            builder.AddParameter($"{name}-s3-{s.ParameterSuffix}", new ConstantParameterDefault(s.Default), s.Secret)
                .WithDescription(s.Description).Resource);
        return builder.AddResource(new LakeResource(name, PublishedPath, settings))
            .WithAnnotation(new ContainerMountAnnotation(name, PublishedPath, ContainerMountType.Volume, isReadOnly: false))
            // No directory of the image: compose hands the new volume to the app user's group, as fsGroup does on Kubernetes.
            .WithAnnotation(new VolumeGroupAnnotation(ProjectImages.AppUserGroupId, imageOwnsMountPath: false))
            .WithAnnotation(new SharedVolumeAnnotation());
    }

    /// <summary>
    /// Ingest writes <paramref name="lake"/>, and with more than one replica its query API reads it too
    /// (<c>Ingest:Lake:ServeQueries</c>), so that each replica answers for the partitions the others own. Once published:
    /// the volume's path as <c>Ingest:Lake:Path</c>, the bucket's settings from their parameters.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLake(this IResourceBuilder<ProjectResource> ingest, IResourceBuilder<LakeResource> lake)
    {
        // Read when the environment is built: the replica count may be set after this call.
        ingest.WithEnvironment(context =>
        {
            if (ingest.Resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas > 1)
            {
                context.EnvironmentVariables["Ingest__Lake__ServeQueries"] = "true";
            }
        });
        if (!ingest.ApplicationBuilder.ExecutionContext.IsPublishMode) return ingest;

        ingest.WithReferenceRelationship(lake.Resource).WithEnvironment("Ingest__Lake__Path", lake.Resource.Path);
        foreach (var (key, parameter) in lake.Resource.BucketSettings)
        {
            ingest.WithEnvironment($"Ingest__Lake__S3__{key}", parameter);
        }

        return ingest;
    }

    private sealed record BucketSetting(string Key, string ParameterSuffix, string Default, bool Secret, string Description);
}
