using System.Diagnostics;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;

namespace CryptoViz.Stream.Kafka;

/// <summary>
/// Reads <see cref="Topics.Streaming"/> and <see cref="Topics.Predictions"/> and hands each valid message to the hub.
/// The predictions topic is optional: while it is missing, prices still flow. Partitions are assigned by hand,
/// not through a group, because every Stream instance must see every event; the first assignment starts at
/// the partitions' current ends, read explicitly so that anything produced once <c>/health</c> is green is seen.
/// <c>Consume</c> blocks, so the loop owns a dedicated thread.
/// </summary>
internal sealed class KafkaStreamWorker(
    IConsumer<string, byte[]> consumer,
    StreamHub hub,
    ConsumerState state,
    IOptions<StreamOptions> options,
    TimeProvider time,
    StreamTelemetry telemetry,
    ILogger<KafkaStreamWorker> logger) : BackgroundService
{
    /// <summary>At most this many messages go to the hub together.</summary>
    private const int MaxBurst = 256;

    private static readonly string[] s_topics = [Topics.Streaming, Topics.Predictions];

    // Bounds how long shutdown and a metadata refresh wait for the blocking Consume call.
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_brokerTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);

    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly HashSet<string> _missingReported = new(StringComparer.Ordinal);
    private readonly List<ConsumeResult<string, byte[]>> _burst = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        long lastRefresh = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var refreshEvery = _assigned.Count == 0 || _missingReported.Count > 0 ? s_retryDelay : options.Value.MetadataRefreshInterval;
                if (lastRefresh == 0 || time.GetElapsedTime(lastRefresh) >= refreshEvery)
                {
                    RefreshAssignment(admin);
                    lastRefresh = time.GetTimestamp();
                }

                if (_assigned.Count == 0)
                {
                    Wait(s_retryDelay, stoppingToken);
                    continue;
                }

                ConsumeResult<string, byte[]>? result;
                try
                {
                    result = consumer.Consume(s_pollTimeout);
                }
                catch (ConsumeException ex)
                {
                    state.Failed();
                    telemetry.Failed.Add(1);
                    StreamLog.ConsumeFailed(logger, ex.Error.Code, ex.Error.Reason);
                    Wait(s_retryDelay, stoppingToken);
                    continue;
                }

                if (result?.Message is null) continue;
                state.Receiving();
                ProcessBurst(result);
            }
        }
        finally
        {
            state.Stopped();
            consumer.Close();
        }
    }

    private void RefreshAssignment(IAdminClient admin)
    {
        try
        {
            var metadata = admin.GetMetadata(s_brokerTimeout);
            foreach (var name in s_topics)
            {
                var topic = metadata.Topics.SingleOrDefault(t => t.Topic == name);
                if (topic is null || topic.Error.IsError || topic.Partitions.Count == 0)
                {
                    TopicMissing(name, topic?.Error.Reason ?? "not in metadata");
                    continue;
                }

                _missingReported.Remove(name);
                var first = !_assigned.Any(tp => tp.Topic == name);
                var added = topic.Partitions.Select(p => new TopicPartition(name, p.PartitionId)).Where(tp => !_assigned.Contains(tp))
                    .OrderBy(tp => tp.Partition.Value).ToList();
                if (added.Count == 0) continue;

                // Partitions that appear later hold only events produced after this instance started. The hub learns where
                // each starts: a client that resumes here needs this instance to have read everything after its place.
                var starts = added.Select(tp => new TopicPartitionOffset(tp, first
                    ? consumer.QueryWatermarkOffsets(tp, s_brokerTimeout).High : consumer.QueryWatermarkOffsets(tp, s_brokerTimeout).Low)).ToList();
                foreach (var start in starts) hub.Assign(start.Topic, start.Partition.Value, start.Offset.Value);
                consumer.IncrementalAssign(starts);
                _assigned.UnionWith(added);
                StreamLog.PartitionsAssigned(logger, name, added.Count, _assigned.Count(tp => tp.Topic == name), state.GroupId);
            }

            var prices = _assigned.Count(tp => tp.Topic == Topics.Streaming);
            if (prices > 0) state.Assigned(prices);
        }
        catch (KafkaException ex)
        {
            if (ReportFailure()) StreamLog.MetadataFailed(logger, Topics.Streaming, ex.Error.Reason);
        }
    }

    /// <summary>Without the prices topic the Stream has nothing to serve; without predictions it serves prices alone.</summary>
    private void TopicMissing(string topic, string reason)
    {
        if (topic == Topics.Streaming)
        {
            if (ReportFailure()) StreamLog.TopicUnavailable(logger, topic, reason);
        }
        else if (_missingReported.Add(topic))
        {
            StreamLog.OptionalTopicUnavailable(logger, topic, reason);
        }
    }

    // Retries run every second while nothing is assigned: log the change to "error", not every retry.
    private bool ReportFailure()
    {
        var changed = state.Status != BrokerStatus.Error;
        state.Failed();
        return changed;
    }

    /// <summary>
    /// Takes whatever else the consumer already holds (up to <see cref="MaxBurst"/>, never waiting for more) and hands
    /// the valid messages to the hub at once. Each message keeps its own process span, on the producer's trace, until
    /// the hub has queued it.
    /// </summary>
    private void ProcessBurst(ConsumeResult<string, byte[]> first)
    {
        _burst.Add(first);
        try
        {
            while (_burst.Count < MaxBurst && consumer.Consume(TimeSpan.Zero) is { Message: not null } next) _burst.Add(next);
        }
        catch (ConsumeException ex)
        {
            // What was read is handed over; the main loop meets the error again on its next read and backs off.
            telemetry.Failed.Add(1);
            StreamLog.ConsumeFailed(logger, ex.Error.Code, ex.Error.Reason);
        }

        var messages = new List<HubMessage>(_burst.Count);
        var spans = new List<(ConsumeResult<string, byte[]> Result, Activity? Span)>(_burst.Count);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var result in _burst)
        {
            var activity = KafkaTelemetry.StartProcess(result, state.GroupId);
            if (TryRead(result, now, activity) is { } message)
            {
                messages.Add(message);
                spans.Add((result, activity));
            }
            else
            {
                activity?.Dispose();
            }
        }

        _burst.Clear();
        try
        {
            var notified = new int[messages.Count];
            hub.PublishAll(CollectionsMarshal.AsSpan(messages), notified);
            for (var i = 0; i < spans.Count; i++) spans[i].Span?.SetTag("cryptoviz.stream.clients_notified", notified[i]);
        }
        catch (Exception ex)
        {
            telemetry.Failed.Add(spans.Count);
            foreach (var (result, activity) in spans)
            {
                activity?.AddException(ex).SetStatus(ActivityStatusCode.Error, ex.Message);
                StreamLog.ProcessingFailed(logger, ex, result.Topic, result.Partition.Value, result.Offset.Value);
            }
        }
        finally
        {
            // Newest first, so that each restores the current activity the one before it found.
            for (var i = spans.Count - 1; i >= 0; i--) spans[i].Span?.Dispose();
        }
    }

    /// <returns>The message for the hub, or null when it is invalid (counted and logged).</returns>
    private HubMessage? TryRead(ConsumeResult<string, byte[]> result, DateTime now, Activity? activity)
    {
        string? reason;
        if (result.Topic == Topics.Predictions)
        {
            if (PredictionValidator.TryParse(result.Message.Value, out var prediction, out reason))
            {
                telemetry.Received.Add(1);
                return HubMessage.ForPrediction(prediction!, result.Message.Value, PlaceOf(result));
            }
        }
        else if (CryptoPriceValidator.TryParse(result.Message.Value, now, out var price, out reason))
        {
            telemetry.Received.Add(1);
            return HubMessage.Update(price!.Symbol, price.Source, result.Message.Value, UpdateOrigin.Broker, PlaceOf(result));
        }

        telemetry.Invalid.Add(1);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        StreamLog.InvalidRecord(logger, result.Topic, result.Partition.Value, result.Offset.Value, reason ?? "invalid");
        return null;
    }

    private static PartitionOffset PlaceOf(ConsumeResult<string, byte[]> result) =>
        new(result.Topic, result.Partition.Value, result.Offset.Value);

    private void Wait(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            // The token stops the wait, not the delay, so shutdown surfaces as one exception type.
            Task.Delay(delay, time, CancellationToken.None).Wait(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the loop condition ends the thread.
        }
    }
}
