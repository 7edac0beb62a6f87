using System.Diagnostics;
using Confluent.Kafka;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.Kafka;
using CryptoViz.ServiceDefaults.Messaging;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Collects consumed records and stores them effectively once: a batch is written in one DuckDB
/// transaction that drops already-stored keys, and only then are its offsets handed to Kafka. A crash
/// anywhere before that redelivers the batch, and the natural key turns the redelivery into a no-op.
/// Owned by the consume thread (and the rebalance callbacks that run on it), so it is not thread-safe.
/// </summary>
public sealed class IngestBatchWriter(
    PriceStore store,
    DeadLetterPublisher deadLetters,
    IProducer<string, byte[]> deadLetterProducer,
    IngestTelemetry telemetry,
    IOptions<IngestOptions> options,
    TimeProvider time,
    ILogger<IngestBatchWriter> logger)
{
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly PendingBatch _batch = new();
    private int _deadLettered;

    public bool IsDue =>
        _batch.Prices.Count >= options.Value.BatchSize
        || (_batch.OpenedAt is { } opened && time.GetUtcNow() - opened >= options.Value.BatchWindow);

    /// <summary>How long the consumer may block before the open batch is due.</summary>
    public TimeSpan TimeUntilDue(TimeSpan idle) => _batch.OpenedAt is { } opened
        ? TimeSpan.FromTicks(Math.Max(0, (opened + options.Value.BatchWindow - time.GetUtcNow()).Ticks))
        : idle;

    public void Add(ConsumeResult<string, byte[]> result)
    {
        var now = time.GetUtcNow();
        if (CryptoPriceValidator.TryParse(result.Message.Value, now.UtcDateTime, out var price, out var reason))
        {
            _batch.Add(result, price, now);
            return;
        }

        telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", ReasonCategory(reason!)));
        IngestTrace.Rejected(logger, result.Topic, result.Partition.Value, result.Offset.Value, reason!);
        deadLetters.Publish(result, reason!, OnDeadLetterDelivered);
        _deadLettered++;
        _batch.Add(result, null, now);
    }

    /// <summary>Stores what is pending and marks its offsets for the next commit.</summary>
    public void Flush(IConsumer<string, byte[]> consumer, CancellationToken cancellationToken)
    {
        if (_batch.IsEmpty) return;

        var received = _batch.Prices.Count;
        var started = Stopwatch.GetTimestamp();
        var inserted = WriteWithRetry(cancellationToken);
        if (_deadLettered > 0)
        {
            // The offsets of dead-lettered messages are committed below: make sure the DLQ holds them first.
            deadLetterProducer.Flush(cancellationToken);
            _deadLettered = 0;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.Stored.Add(inserted);
        telemetry.Duplicates.Add(received - inserted);
        telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        IngestTrace.BatchStored(logger, inserted, received, received - inserted, elapsed.TotalMilliseconds);
        EndProcessSpans(inserted, received);

        foreach (var offset in _batch.OffsetsToCommit)
        {
            consumer.StoreOffset(offset);
        }

        _batch.Clear();
    }

    private int WriteWithRetry(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                using var activity = IngestTelemetry.Source.StartActivity("crypto_prices store");
                activity?.SetTag("db.system.name", "duckdb");
                activity?.SetTag("db.operation.batch.size", _batch.Prices.Count);
                return store.Write(_batch.Prices);
            }
            catch (DuckDBException ex)
            {
                // Offsets stay uncommitted while the database refuses writes: nothing is lost, the consumer waits.
                IngestTrace.BatchFailed(logger, ex, _batch.Prices.Count, delay);
                if (cancellationToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
            }
        }
    }

    private void EndProcessSpans(int inserted, int received)
    {
        foreach (var (result, receivedAt) in _batch.Received)
        {
            using var activity = KafkaTelemetry.StartProcess(result, options.Value.ConsumerGroup, receivedAt);
            activity?.SetTag("cryptoviz.batch.received", received);
            activity?.SetTag("cryptoviz.batch.inserted", inserted);
        }
    }

    private void OnDeadLetterDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError) IngestTrace.DeadLetterFailed(logger, report.Error.Reason);
    }

    // A low-cardinality metric tag: the reason's first clause, without the JSON parser's positions.
    private static string ReasonCategory(string reason) => reason.Split(':', 2)[0];
}
