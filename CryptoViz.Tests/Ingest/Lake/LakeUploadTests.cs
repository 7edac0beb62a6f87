using System.Diagnostics.Metrics;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Lake;
using CryptoViz.Ingest.Storage;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>The lake's copy in an S3-compatible bucket, against a real one (s3rver).</summary>
[Collection(S3rverCollection.Name)]
public sealed class LakeUploadTests(S3rverFixture s3) : IDisposable
{
    private const string Prefix = "cryptoviz/lake/";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTime s_start = new(2025, 9, 4, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempLake _lake = new();
    private readonly string _bucket = $"lake-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Each_lake_file_goes_to_the_bucket_and_a_compaction_replaces_its_inputs_there_too()
    {
        // Arrange: three segments in two directories, and an object in the bucket that the lake never had.
        await s3.CreateBucketAsync(_bucket);
        using (var writer = new LakeSegmentWriter(_lake.Layout, _lake.Telemetry))
        {
            for (var segment = 0; segment < 3; segment++)
            {
                writer.Write(TempLake.Segment(0, 10 * segment, [TempLake.Tick("BTC", "binance", s_start.AddMinutes(segment)), TempLake.Tick("ETH", "kraken", s_start.AddMinutes(segment))]));
            }
        }

        using var client = s3.CreateClient();
        await client.PutObjectAsync(new() { BucketName = _bucket, Key = Prefix + "ticks/source=binance/date=2025-09-04/crypto-raw-data-00001-0000000000000000000-0000000000000000009.parquet", ContentBody = "another replica's" },
            TestContext.Current.CancellationToken);
        var uploader = Uploader();
        using var bucket = new LakeBucket(Options().S3);

        // Act
        var first = await uploader.SyncAsync(bucket, TestContext.Current.CancellationToken);
        var uploaded = await s3.ObjectsAsync(_bucket);
        var lakeBefore = _lake.Files();
        using (var compactor = new LakeCompactor(_lake.Layout, _lake.Telemetry, compactedFileBytes: 1 << 30)) compactor.Compact(Topics.RawData, 0, 29);
        var second = await uploader.SyncAsync(bucket, TestContext.Current.CancellationToken);

        // Assert: the bucket holds the lake, byte for byte, under the prefix, before and after the compaction, and the
        // other replica's object stays.
        Assert.Equal((12, 0), first);
        Assert.Equal(lakeBefore.Select(f => (Prefix + f.Key, f.Value)), uploaded.Where(o => !o.Key.Contains("-00001-", StringComparison.Ordinal)).Select(o => (o.Key, o.Value)));
        Assert.Equal((4, 12), second);
        var objects = await s3.ObjectsAsync(_bucket);
        Assert.Equal(_lake.Files().Select(f => (Prefix + f.Key, f.Value)), objects.Where(o => !o.Key.Contains("-00001-", StringComparison.Ordinal)).Select(o => (o.Key, o.Value)));
        Assert.Equal(5, objects.Count);
    }

    [Fact]
    public async Task An_ingest_whose_bucket_refuses_stores_and_writes_its_lake_all_the_same_and_copies_every_file_once_the_bucket_is_there()
    {
        // Arrange: a real Ingest, its lake where this test's lake is (beside its DuckDB file), whose bucket does not exist yet.
        using var kafka = new EmbeddedKafkaFixture();
        using var failures = new UploadFailures();
        var prices = LakeRecords.Distinct(UtcMinute.Floor(DateTime.UtcNow).AddMinutes(-2), symbols: 5, sources: ["binance", "kraken"], seconds: 3);
        await using var ingest = new WebApplicationFactory<IngestOptions>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in kafka.ServiceConfiguration) web.UseSetting(key, value);
            web.UseSetting("ConnectionStrings:duckdb", $"DataSource={Path.Combine(_lake.Directory, "store.duckdb")}");
            web.UseSetting("Ingest:ConsumerGroup", $"ingest-{Guid.NewGuid():N}");
            web.UseSetting("Ingest:BatchWindow", "00:00:00.050");
            web.UseSetting("Ingest:Lake:ConsumerGroup", $"lake-{Guid.NewGuid():N}");
            web.UseSetting("Ingest:Lake:SegmentAge", "00:00:00.200");
            web.UseSetting("Ingest:Lake:S3:Bucket", _bucket);
            web.UseSetting("Ingest:Lake:S3:ServiceUrl", s3.ServiceUrl.ToString());
            web.UseSetting("Ingest:Lake:S3:Prefix", Prefix);
            web.UseSetting("Ingest:Lake:S3:AccessKey", S3rverFixture.AccessKey);
            web.UseSetting("Ingest:Lake:S3:SecretKey", S3rverFixture.SecretKey);
        });
        _ = ingest.Server;

        // Act: records arrive while the bucket refuses every upload; then the bucket is created.
        await LakeRecords.ProduceAsync(kafka, prices);
        var store = ingest.Services.GetRequiredService<PriceStore>();
        await Eventually.GetAsync(() => new PriceQueries(store).CountRowsAsync(TestContext.Current.CancellationToken).ContinueWith(t => (long?)t.Result),
            rows => rows == prices.Count, s_timeout, $"{prices.Count} stored rows");
        await LakeWriterRig.CaughtUpAsync(kafka, ingest.Services.GetRequiredService<LakePartitions>());
        await Eventually.GetAsync(() => Task.FromResult<long?>(failures.Count), count => count > 0, s_timeout, "a failed upload");
        Assert.Equal(prices.Count, _lake.Ticks().Count);
        await s3.CreateBucketAsync(_bucket);

        // Assert: every lake file reaches the bucket, as it is in the lake.
        var expected = _lake.Files().Select(f => (Prefix + f.Key, f.Value)).ToList();
        await Eventually.GetAsync(async () => (await s3.ObjectsAsync(_bucket)).Select(o => (o.Key, o.Value)).ToList(),
            objects => objects!.SequenceEqual(expected), s_timeout, $"the {expected.Count} lake files in the bucket");
    }

    private LakeOptions Options() => new()
    {
        S3 = new LakeS3Options { Bucket = _bucket, ServiceUrl = s3.ServiceUrl, Prefix = Prefix, AccessKey = S3rverFixture.AccessKey, SecretKey = S3rverFixture.SecretKey },
    };

    private LakeUploader Uploader() =>
        new(_lake.Layout, new LakeChanges(), _lake.Telemetry, Microsoft.Extensions.Options.Options.Create(Options()), TimeProvider.System, NullLogger<LakeUploader>.Instance);

    public void Dispose() => _lake.Dispose();

    /// <summary>Counts the failed upload passes any lake in this process reports.</summary>
    private sealed class UploadFailures : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public UploadFailures()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == IngestTelemetry.Name && instrument.Name == "cryptoviz.ingest.lake.upload.failures") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
