using System.Diagnostics.Metrics;

namespace CryptoViz.Ingest.Lake;

/// <summary>The lake's instruments, on Ingest's meter (<see cref="IngestTelemetry.Name"/>); its spans are Ingest's too.</summary>
internal sealed class LakeTelemetry
{
    public LakeTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(IngestTelemetry.Name);
        Segments = meter.CreateCounter<long>("cryptoviz.ingest.lake.segments", "{segment}", "Segments of crypto-raw-data and crypto-candles committed to the lake");
        Files = meter.CreateCounter<long>("cryptoviz.ingest.lake.files", "{file}", "Parquet files written to the lake, by table and by what wrote them (segment, compaction)");
        Rows = meter.CreateCounter<long>("cryptoviz.ingest.lake.rows", "{row}", "Rows segments wrote to the lake, by table (ticks, history)");
        Bytes = meter.CreateCounter<long>("cryptoviz.ingest.lake.bytes", "By", "Bytes of the Parquet files written to the lake, by table and by what wrote them");
        Skipped = meter.CreateCounter<long>("cryptoviz.ingest.lake.skipped", "{record}", "Records the validator refused, so never in the lake");
        Duplicates = meter.CreateCounter<long>("cryptoviz.ingest.lake.duplicates", "{record}", "Records whose natural key the lake already held");
        SegmentDuration = meter.CreateHistogram<double>("cryptoviz.ingest.lake.segment.duration", "s", "Time to write and commit one segment");
        Compactions = meter.CreateCounter<long>("cryptoviz.ingest.lake.compactions", "{file}", "Files compaction merged into bigger ones (its inputs)");
        Uploads = meter.CreateCounter<long>("cryptoviz.ingest.lake.uploads", "{file}", "Lake files copied to the S3 bucket");
        UploadFailures = meter.CreateCounter<long>("cryptoviz.ingest.lake.upload.failures", "{failure}", "Passes of the S3 copy that failed (retried with backoff)");
        Failures = meter.CreateCounter<long>("cryptoviz.ingest.lake.failures", "{failure}", "Segment writes that failed and were retried");
    }

    public Counter<long> Segments { get; }

    public Counter<long> Files { get; }

    public Counter<long> Rows { get; }

    public Counter<long> Bytes { get; }

    public Counter<long> Skipped { get; }

    public Counter<long> Duplicates { get; }

    public Histogram<double> SegmentDuration { get; }

    public Counter<long> Compactions { get; }

    public Counter<long> Uploads { get; }

    public Counter<long> UploadFailures { get; }

    public Counter<long> Failures { get; }
}
