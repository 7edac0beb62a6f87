using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using CryptoViz.Ingest.Storage;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using CryptoViz.Contracts.Messaging;
using CryptoViz.ServiceDefaults.Resilience;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Collects consumed records and stores them effectively once: a batch is written in one DuckDB
/// transaction that drops already-stored keys, and only then are its offsets handed to Kafka. A crash
/// anywhere before that redelivers the batch, and the natural key turns the redelivery into a no-op.
/// Batches are stored in order on a writer of their own while the consume thread fills the next one
/// (consuming and storing cost about the same per record, so overlapping them nearly halves the time).
/// A batch that reaches <see cref="IngestOptions.BatchSize"/> while the writer is still busy keeps growing
/// instead of waiting for it, until its window ends: under load the consumer never idles and DuckDB gets
/// fewer, bigger transactions. One batch is stored at a time, which throttles the consumer when DuckDB falls
/// behind. <see cref="Offer"/>, <see cref="Submit"/> and <see cref="Drain"/> belong to the consume thread (and
/// the rebalance callbacks that run on it).
/// </summary>
public sealed class IngestBatchWriter(
    PriceStore store,
    DeadLetterPublisher deadLetters,
    WriterHealth health,
    IngestTelemetry telemetry,
    IOptions<IngestOptions> options,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<IngestBatchWriter> logger)
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(30);

    // Free while no batch is being stored.
    private readonly SemaphoreSlim _writer = new(1);
    private readonly ConcurrentQueue<PendingBatch> _free = new();
    private PendingBatch _batch = new();

    // The stored batches so far, chained in order; a failure stops every later batch from storing offsets.
    private Task _stored = Task.CompletedTask;

    // The clock as of the last Offer: read once per consumed message, which at full speed is a measurable share of the loop.
    private DateTimeOffset _now;

    /// <summary>How long the consumer may block before the open batch is due.</summary>
    public TimeSpan TimeUntilDue(TimeSpan idle) => _batch.OpenedAt is { } opened
        ? TimeSpan.FromTicks(Math.Max(0, (opened + options.Value.BatchWindow - _now).Ticks))
        : idle;

    /// <summary>Takes what one <c>Consume</c> returned (null when it timed out) and submits the batch once it is due.</summary>
    public void Offer(ConsumeResult<string, byte[]>? result, IConsumer<string, byte[]> consumer, CancellationToken cancellationToken)
    {
        _now = time.GetUtcNow();
        if (result is { IsPartitionEOF: false, Message: not null }) Add(result);
        if (IsDue) Submit(consumer, cancellationToken);
    }

    /// <summary>
    /// Retention deletes older ticks at its next run (a tick's candle keeps it for good, and its redelivery, no longer
    /// in the table, would be stored and merged again); with retention off every tick is kept.
    /// </summary>
    private DateTime OldestKept => retention.Value.Enabled ? _now.UtcDateTime.AddDays(-retention.Value.RawDays) : DateTime.MinValue;

    private bool IsDue =>
        (_batch.OpenedAt is { } opened && _now - opened >= options.Value.BatchWindow)
        || (_batch.Count >= options.Value.BatchSize && _writer.CurrentCount > 0);

    private void Add(ConsumeResult<string, byte[]> result)
    {
        string? reason;
        if (result.Topic == Topics.Candles)
        {
            if (CandleBatchValidator.TryParse(result.Message.Value, _now.UtcDateTime, out var page, out reason))
            {
                _batch.Add(result, page!, _now);
                return;
            }
        }
        else if (CryptoPriceValidator.TryParse(result.Message.Value, _now.UtcDateTime, OldestKept, out var price, out reason))
        {
            _batch.Add(result, price!, _now);
            return;
        }

        telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", ReasonCategory(reason!)));
        IngestLog.Rejected(logger, result.Topic, result.Partition.Value, result.Offset.Value, reason!);
        _batch.AddDeadLetter(result, reason!, _now);
    }

    /// <summary>Hands the pending batch to the writer; blocks while the writer is storing the previous one.</summary>
    public void Submit(IConsumer<string, byte[]> consumer, CancellationToken cancellationToken)
    {
        // A batch that failed to store blocks all later offsets: surface it here rather than consume on in vain.
        if (_stored.IsFaulted) Drain();
        if (_batch.IsEmpty) return;

        var batch = _batch;
        _batch = _free.TryDequeue(out var free) ? free : new PendingBatch();
        // Not cancellable: the writer always comes free, by storing or by failing (its retries watch the token).
        _writer.Wait();
        _stored = _stored.ContinueWith(previous =>
        {
            try
            {
                previous.GetAwaiter().GetResult();
                Store(batch, consumer, cancellationToken);
            }
            finally
            {
                batch.Reset();
                _free.Enqueue(batch);
                _writer.Release();
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Waits until every submitted batch is stored and its offsets marked for commit.</summary>
    public void Drain() => _stored.GetAwaiter().GetResult();

    private void Store(PendingBatch batch, IConsumer<string, byte[]> consumer, CancellationToken cancellationToken)
    {
        var received = batch.Prices.Count;
        var started = Stopwatch.GetTimestamp();
        var (inserted, candles) = WriteWithRetry(batch, cancellationToken);
        // The offsets of dead-lettered messages are committed below: the dead-letter topic must hold them first.
        if (batch.DeadLetters.Count > 0) DeadLetterWithRetry(batch.DeadLetters, cancellationToken);
        health.Stored();

        var elapsed = Stopwatch.GetElapsedTime(started);
        telemetry.Stored.Add(inserted);
        telemetry.Duplicates.Add(received - inserted);
        telemetry.BatchDuration.Record(elapsed.TotalSeconds);
        IngestLog.BatchStored(logger, inserted, received, received - inserted, elapsed.TotalMilliseconds);
        if (batch.History.Pages > 0)
        {
            telemetry.HistoryCandles.Add(candles);
            IngestLog.HistoryStored(logger, candles, batch.History.Candles, batch.History.Pages);
        }

        EndProcessSpans(batch, inserted);

        // librdkafka's offset store is thread-safe; the consume thread keeps consuming meanwhile.
        foreach (var offset in batch.OffsetsToCommit)
        {
            consumer.StoreOffset(offset);
        }
    }

    private StoreResult WriteWithRetry(PendingBatch batch, CancellationToken cancellationToken)
    {
        for (var retry = 1; ; retry++)
        {
            try
            {
                using var activity = IngestTelemetry.Source.StartActivity("crypto_prices store");
                activity?.SetTag("db.system.name", "duckdb");
                activity?.SetTag("db.operation.batch.size", batch.Count);
                return store.Write(batch.Prices, batch.History);
            }
            catch (DuckDBException ex)
            {
                // Offsets stay uncommitted while the database refuses writes: nothing is lost, the consumer waits.
                health.Failed();
                var delay = RetryDelay(retry);
                IngestLog.BatchFailed(logger, ex, batch.Count, delay);
                if (cancellationToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    private void EndProcessSpans(PendingBatch batch, int inserted)
    {
        foreach (var (result, receivedAt) in batch.Received)
        {
            using var activity = KafkaTelemetry.StartProcess(result, options.Value.ConsumerGroup, receivedAt);
            activity?.SetTag("cryptoviz.batch.received", batch.Count);
            activity?.SetTag("cryptoviz.batch.inserted", inserted);
        }
    }

    /// <summary>
    /// Delivers every dead letter, trying the ones the broker refused again with a growing delay: until they are in, the
    /// batch's offsets stay unstored, so a dead letter that cannot be written holds ingestion back instead of vanishing.
    /// </summary>
    private void DeadLetterWithRetry(List<(ConsumeResult<string, byte[]> Message, string Reason)> letters, CancellationToken cancellationToken)
    {
        var pending = letters;
        for (var retry = 1; ; retry++)
        {
            var delay = RetryDelay(retry);
            var sends = pending.Select(letter => (Letter: letter, Sent: deadLetters.PublishAsync(letter.Message, letter.Reason, cancellationToken))).ToList();
            var failed = new List<(ConsumeResult<string, byte[]> Message, string Reason)>();
            foreach (var (letter, sent) in sends)
            {
                try
                {
                    sent.GetAwaiter().GetResult();
                }
                catch (KafkaException ex)
                {
                    failed.Add(letter);
                    health.Failed();
                    IngestLog.DeadLetterFailed(logger, ex, letter.Message.Topic, letter.Message.Partition.Value, letter.Message.Offset.Value, delay);
                }
            }

            if (failed.Count == 0) return;
            if (cancellationToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(cancellationToken);
            pending = failed;
        }
    }

    private static TimeSpan RetryDelay(int retry) => ExponentialBackoff.Delay(retry, s_firstRetryDelay, s_maxRetryDelay);

    // A low-cardinality metric tag: the reason's first clause, without the JSON parser's positions.
    private static string ReasonCategory(string reason) => reason.Split(':', 2)[0];
}
