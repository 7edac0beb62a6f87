namespace CryptoViz.Ingest.Services;

/// <summary>
/// Whether the batch writer gets its batches stored: since when it has been failing (DuckDB refusing writes, a dead
/// letter the broker refuses), or null while it stores. Written by the writer, read by <see cref="WriterHealthCheck"/>.
/// </summary>
public sealed class WriterHealth(TimeProvider time)
{
    private long _failingSince;

    public DateTimeOffset? FailingSince => Interlocked.Read(ref _failingSince) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>A store attempt failed; the first failure of a run of them is when the trouble began.</summary>
    public void Failed() => Interlocked.CompareExchange(ref _failingSince, time.GetUtcNow().UtcTicks, 0);

    public void Stored() => Interlocked.Exchange(ref _failingSince, 0);
}
