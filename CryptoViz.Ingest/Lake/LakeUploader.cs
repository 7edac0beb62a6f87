using Amazon.Runtime;
using CryptoViz.ServiceDefaults.Resilience;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Keeps the S3 bucket a copy of the lake: after each change (and every <see cref="LakeS3Options.SyncInterval"/>) it uploads
/// the lake files the bucket lacks, then deletes the objects that compaction merged away (those a local file covers). The
/// local lake is the source of truth, so a pass that fails loses nothing: the next one, after a growing delay, copies what
/// this one did not. The segment writer and the hot store never wait for it.
/// </summary>
internal sealed class LakeUploader(
    LakeLayout layout,
    LakeChanges changes,
    LakeTelemetry telemetry,
    IOptions<LakeOptions> options,
    TimeProvider time,
    ILogger<LakeUploader> logger) : BackgroundService
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var bucket = new LakeBucket(options.Value.S3);
        for (var retry = 0; !stoppingToken.IsCancellationRequested;)
        {
            try
            {
                await SyncAsync(bucket, stoppingToken);
                retry = 0;
                await changes.WaitAsync(options.Value.S3.SyncInterval, time, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && IsTransient(ex))
            {
                telemetry.UploadFailures.Add(1);
                var delay = ExponentialBackoff.Delay(++retry, s_firstRetryDelay, s_maxRetryDelay);
                IngestLog.LakeSyncFailed(logger, ex, bucket.Name, bucket.Endpoint, delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass.</summary>
    /// <returns>How many files were uploaded, and how many merged-away objects deleted.</returns>
    public async Task<(int Uploaded, int Deleted)> SyncAsync(LakeBucket bucket, CancellationToken cancellationToken)
    {
        using var activity = IngestTelemetry.Source.StartActivity("lake upload");
        activity?.SetTag("aws.s3.bucket", bucket.Name);
        var remote = await bucket.ListAsync(cancellationToken);
        var local = layout.AllFiles().ToList();
        var uploaded = 0;
        foreach (var (key, path) in local)
        {
            if (remote.TryGetValue(key, out var size) && size == new FileInfo(path).Length) continue;
            try
            {
                await bucket.PutAsync(key, path, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                // Merged away since the listing: its merged file is uploaded instead.
                continue;
            }

            telemetry.Uploads.Add(1);
            uploaded++;
        }

        // Only what a local file covers goes: an object the lake never had here may be another replica's own copy.
        var names = local.Select(file => Parse(file.Key)).Where(file => file.Name is not null).ToLookup(file => file.Directory, file => file.Name!.Value);
        var deleted = 0;
        foreach (var key in remote.Keys)
        {
            var (directory, name) = Parse(key);
            if (name is not { } remoteName || !names[directory].Any(localName => localName.Covers(remoteName))) continue;
            await bucket.DeleteAsync(key, cancellationToken);
            deleted++;
        }

        activity?.SetTag("cryptoviz.lake.uploaded", uploaded);
        if (uploaded + deleted > 0) IngestLog.LakeSynced(logger, bucket.Name, bucket.Endpoint, uploaded, deleted);
        return (uploaded, deleted);
    }

    private static (string Directory, LakeFileName? Name) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash > 0 && LakeFileName.TryParse(key[(slash + 1)..], out var name) ? (key[..slash], name) : (key, null);
    }

    private static bool IsTransient(Exception ex) =>
        ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TaskCanceledException;
}
