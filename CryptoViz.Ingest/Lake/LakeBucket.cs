using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// The S3-compatible bucket that holds a copy of the lake, under <see cref="LakeS3Options.Prefix"/>. Checksums only where
/// S3 requires them and no chunked uploads: what S3-compatible servers (MinIO, s3rver, Ceph) take alike.
/// </summary>
internal sealed class LakeBucket : IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly LakeS3Options _options;

    public LakeBucket(LakeS3Options options)
    {
        _options = options;
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        _client = !string.IsNullOrEmpty(options.AccessKey) && !string.IsNullOrEmpty(options.SecretKey)
            ? new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    public string Name => _options.Bucket!;

    /// <summary>Where it is, for logs: the endpoint or the AWS region, never a key.</summary>
    public string Endpoint => _options.ServiceUrl?.ToString() ?? $"AWS {_options.Region}";

    public string Key(string relativePath) => _options.Prefix + relativePath;

    /// <returns>Every object under the prefix: its path relative to the prefix, and its size.</returns>
    public async Task<Dictionary<string, long>> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new Dictionary<string, long>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = _options.Prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in response.S3Objects ?? [])
            {
                objects[entry.Key[_options.Prefix.Length..]] = entry.Size ?? 0;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);

        return objects;
    }

    public Task PutAsync(string relativePath, string path, CancellationToken cancellationToken) =>
        _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Name,
            Key = Key(relativePath),
            FilePath = path,
            ContentType = "application/vnd.apache.parquet",
            UseChunkEncoding = false,
        }, cancellationToken);

    public Task DeleteAsync(string relativePath, CancellationToken cancellationToken) =>
        _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Name, Key = Key(relativePath) }, cancellationToken);

    public void Dispose() => _client.Dispose();
}
