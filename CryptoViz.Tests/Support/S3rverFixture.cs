using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CryptoViz.Tests.Hosting.Publish;

namespace CryptoViz.Tests.Support;

/// <summary>
/// s3rver (npm, installed by <c>Prerequisites/ensure.sh</c>): a real S3-compatible server on 127.0.0.1, on a port the
/// kernel picks, storing in a temporary folder, for as long as the fixture lives. Share it per collection and give each
/// test a bucket of its own (<see cref="CreateBucketAsync"/>).
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    /// <summary>s3rver's built-in key pair; it checks every request's signature against it.</summary>
    public const string AccessKey = "S3RVER";

    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-s3rver-").FullName;
    private Process? _server;

    public Uri ServiceUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var executable = Path.Combine(RepositoryRoot.Path, "CryptoViz.Tests", "Prerequisites", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable)) throw new InvalidOperationException($"{executable} is missing: build the test project (its build runs Prerequisites/ensure.sh).");
        _server = Process.Start(new ProcessStartInfo(executable, ["-d", _directory, "-a", "127.0.0.1", "-p", "0", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(s_startTimeout);
        while (await _server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                ServiceUrl = new Uri($"http://127.0.0.1:{match.Groups["port"].Value}/");
                // Its log goes on: keep reading so that it never blocks on a full pipe.
                _ = _server.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }

        throw new InvalidOperationException($"s3rver exited ({_server.ExitCode}) before it listened.");
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = ServiceUrl.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task CreateBucketAsync(string name)
    {
        using var client = CreateClient();
        await client.PutBucketAsync(new PutBucketRequest { BucketName = name }, TestContext.Current.CancellationToken);
    }

    /// <summary>Every object of a bucket: its key and a hash of its bytes.</summary>
    public async Task<SortedDictionary<string, string>> ObjectsAsync(string bucket)
    {
        using var client = CreateClient();
        var objects = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }, TestContext.Current.CancellationToken);
        foreach (var entry in listing.S3Objects ?? [])
        {
            using var response = await client.GetObjectAsync(bucket, entry.Key, TestContext.Current.CancellationToken);
            using var bytes = new MemoryStream();
            await response.ResponseStream.CopyToAsync(bytes, TestContext.Current.CancellationToken);
            objects[entry.Key] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes.ToArray()));
        }

        return objects;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [GeneratedRegex(@"listening on 127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
