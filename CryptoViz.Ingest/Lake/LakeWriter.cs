using System.Diagnostics;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.ServiceDefaults.Resilience;
using DuckDB.NET.Data;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// Ingest's Parquet lake (docs/lake.md#segments): a consume loop of its own over <c>crypto-raw-data</c> and
/// <c>crypto-candles</c> that validates each record as the hot store does (against the record's own Kafka timestamp, so
/// that a rewrite decides the same), keeps each natural key once per partition, and writes a partition's records as a
/// segment once it is big or old enough. It resumes each
/// assigned partition after its last committed segment, whatever the group's offsets say. A segment that cannot be written
/// holds this loop back, never the hot store's.
/// </summary>
internal sealed class LakeWriter(
    LakeConsumerFactory consumers,
    LakeLayout layout,
    LakePartitions partitions,
    LakeChanges changes,
    LakeTelemetry telemetry,
    IOptions<LakeOptions> options,
    IOptions<RetentionOptions> retention,
    TimeProvider time,
    ILogger<LakeWriter> logger) : BackgroundService
{
    private static readonly TimeSpan s_idlePoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(30);

    // The open segment of each owned partition; absent until the first record of a partition the lake has nothing of.
    private readonly Dictionary<TopicPartition, LakeSegment> _segments = [];

    // The last committed record of each partition that resumed, read again to tell whether its topic is the same one.
    private readonly Dictionary<TopicPartition, (long Offset, string Identity)> _resumedAt = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var writer = new LakeSegmentWriter(layout, telemetry);
        using var consumer = consumers.Create((_, assigned) => Assigned(writer, assigned), (_, revoked) => Revoked(revoked));
        consumer.Subscribe([Topics.RawData, Topics.Candles]);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (consumer.Consume(TimeUntilDue()) is { IsPartitionEOF: false, Message: not null } result) Add(writer, consumer, result, stoppingToken);
                    WriteDue(writer, consumer, stoppingToken);
                }
                catch (ConsumeException ex)
                {
                    IngestLog.LakeConsumerError(logger, ex.Error.Reason);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A segment given up midway is written again by the next start, from its cut.
        }
        finally
        {
            consumer.Close();
        }
    }

    private List<TopicPartitionOffset> Assigned(LakeSegmentWriter writer, List<TopicPartition> assigned)
    {
        var positions = new List<TopicPartitionOffset>();
        foreach (var partition in assigned)
        {
            LakeResume resume;
            string lakeTopic;
            lock (partitions.Lock)
            {
                lakeTopic = LakeGenerations.Current(layout, partition.Topic, partition.Partition.Value);
                resume = writer.Checkpoint.Recover(lakeTopic, partition.Partition.Value);
                partitions.Own(partition, lakeTopic, resume.CommittedLast);
            }

            long? start = resume.CommittedLast + 1 ?? resume.Pending?.First;
            _segments.Remove(partition);
            _resumedAt.Remove(partition);
            if (start is { } first) _segments[partition] = new LakeSegment(lakeTopic, partition.Partition.Value, first, resume.Pending?.Last);
            IngestLog.LakeResumed(logger, layout.Root, lakeTopic, partition.Partition.Value, start?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the beginning",
                resume.CommittedLast, resume.Pending?.FileName);
            if (resume is { CommittedLast: { } last, LastRecord: { } identity, Pending: null })
            {
                // From the last committed record, which tells whether the topic is the one the lake has (Add).
                _resumedAt[partition] = (last, identity);
                start = last;
            }

            positions.Add(new TopicPartitionOffset(partition, start is { } offset ? new Offset(offset) : Offset.Beginning));
        }

        return positions;
    }

    private void Revoked(List<TopicPartitionOffset> revoked)
    {
        lock (partitions.Lock)
        {
            foreach (var partition in revoked)
            {
                _segments.Remove(partition.TopicPartition);
                _resumedAt.Remove(partition.TopicPartition);
                partitions.Release(partition.TopicPartition);
            }
        }

        IngestLog.LakeRevoked(logger, string.Join(", ", revoked.Select(p => p.TopicPartition)));
    }

    private void Add(LakeSegmentWriter writer, IConsumer<string, byte[]> consumer, ConsumeResult<string, byte[]> result, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var partition = result.TopicPartition;
        if (_resumedAt.Remove(partition, out var resumedAt) && result.Offset.Value == resumedAt.Offset)
        {
            // A record before it means a shorter new topic and one after it a record gone with the retention: both below.
            if (LakeRecordIdentity.Of(result) != resumedAt.Identity)
            {
                StartOver(partition, result.Offset.Value, segment: null);
                consumer.Seek(new TopicPartitionOffset(partition, Offset.Beginning));
            }

            return;
        }

        if (!_segments.TryGetValue(partition, out var segment))
        {
            string lakeTopic;
            lock (partitions.Lock) lakeTopic = partitions.TryGet(partition, out var progress) ? progress.LakeTopic : partition.Topic;
            segment = _segments[partition] = new LakeSegment(lakeTopic, partition.Partition.Value, result.Offset.Value);
        }
        else if (result.Offset.Value <= segment.Last)
        {
            segment = StartOver(partition, result.Offset.Value, segment)!;
        }
        else if (segment.ForcedLast is { } last && result.Offset.Value > last)
        {
            // The written-down cut's last records are gone from the topic: the segment ends with what is left of them.
            segment = Write(writer, consumer, partition, segment, stoppingToken);
        }

        segment.Took(result.Message.Timestamp.UnixTimestampMs, result.Message.Key);
        // The record's own time, not ours: the same record is then judged the same by every rewrite of its segment.
        var clock = result.Message.Timestamp.Type == TimestampType.NotAvailable ? now.UtcDateTime : result.Message.Timestamp.UtcDateTime;
        if (segment.IsHistory)
        {
            segment.Add(result.Offset.Value, CandleBatchValidator.TryParse(result.Message.Value, clock, out var page, out _) ? page : null, now);
            return;
        }

        var oldest = retention.Value.Enabled ? clock.AddDays(-retention.Value.RawDays) : DateTime.MinValue;
        segment.Add(result.Offset.Value, CryptoPriceValidator.TryParse(result.Message.Value, clock, oldest, out var price, out _) ? price : null, now);
    }

    private void WriteDue(LakeSegmentWriter writer, IConsumer<string, byte[]> consumer, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        foreach (var (partition, segment) in _segments.Where(s => s.Value.Offsets > 0 && s.Value.IsDue(now, options.Value)).ToList())
        {
            Write(writer, consumer, partition, segment, stoppingToken);
        }
    }

    /// <summary>
    /// The topic started over (docs/lake.md#a-topic-that-starts-over): its offsets went back below the lake's checkpoint,
    /// or the record at the last committed offset is another one (a new broker: the embedded one at every start; a topic
    /// created again). Its records from here on are a new incarnation, written under a name of their own, so that no
    /// file name of the earlier one is reused. What the open segment held of the earlier incarnation is gone with it
    /// (the hot store has it).
    /// </summary>
    /// <param name="segment">The open segment, which starts the new incarnation at <paramref name="offset"/>; none: the
    /// caller seeks to the topic's beginning, where its next segment starts.</param>
    private LakeSegment? StartOver(TopicPartition partition, long offset, LakeSegment? segment)
    {
        string lakeTopic;
        lock (partitions.Lock)
        {
            lakeTopic = LakeGenerations.Next(layout, partition.Topic, partition.Partition.Value);
            partitions.Own(partition, lakeTopic, null);
        }

        IngestLog.LakeStartedOver(logger, layout.Root, partition.Topic, partition.Partition.Value, offset, segment?.Last ?? offset, lakeTopic);
        if (segment is not null) return _segments[partition] = new LakeSegment(lakeTopic, partition.Partition.Value, offset);
        _segments.Remove(partition);
        return null;
    }

    /// <returns>The partition's next segment.</returns>
    private LakeSegment Write(LakeSegmentWriter writer, IConsumer<string, byte[]> consumer, TopicPartition partition, LakeSegment segment,
        CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var retry = 1; ; retry++)
        {
            try
            {
                (IReadOnlyList<LakeFile> Files, long Rows) written;
                lock (partitions.Lock)
                {
                    written = writer.Write(segment);
                    partitions.Committed(partition, segment.Last);
                }

                IngestLog.LakeSegmentWritten(logger, segment.Name.FileName, written.Rows, written.Files.Count, segment.Skipped, segment.Duplicates,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                break;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DuckDBException)
            {
                telemetry.Failures.Add(1);
                var delay = ExponentialBackoff.Delay(retry, s_firstRetryDelay, s_maxRetryDelay);
                IngestLog.LakeSegmentFailed(logger, ex, segment.Name.FileName, delay);
                if (stoppingToken.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(stoppingToken);
            }
        }

        changes.Notify();
        consumer.StoreOffset(new TopicPartitionOffset(partition, segment.Last + 1));
        return _segments[partition] = new LakeSegment(segment.Topic, segment.Partition, segment.Last + 1);
    }

    private TimeSpan TimeUntilDue()
    {
        var now = time.GetUtcNow();
        var due = _segments.Values.Select(s => s.DueIn(now, options.Value)).Where(d => d is not null).Min();
        return due is { } wait && wait < s_idlePoll ? wait : s_idlePoll;
    }
}
