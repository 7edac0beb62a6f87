using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Publishing;

/// <summary>
/// Validates a record and publishes it once to each of V2's topics under the key <c>SYMBOL_source</c>.
/// One span per record is the root of the tick's trace; the producer's publish spans hang under it and
/// carry it on to Ingest and Stream. The publishing thread serves the delivery reports that are ready after each
/// record (the producer has no background poll thread, see <see cref="DeliveryReportPoller"/>).
/// </summary>
public sealed class PricePublisher(
    IProducer<string, byte[]> producer,
    ScraperTelemetry telemetry,
    TimeProvider time,
    ILogger<PricePublisher> logger)
{
    private static readonly string[] s_topics = [Topics.RawData, Topics.Streaming];

    private long _lastPolled;

    /// <returns>True when the record is queued for every topic; false when it was invalid or the producer's queue was full.</returns>
    public bool Publish(CryptoPrice price)
    {
        using var activity = ScraperTelemetry.Source.StartActivity("price tick");
        activity?.SetTag("crypto.symbol", price.Symbol);
        activity?.SetTag("crypto.source", price.Source);

        if (CryptoPriceValidator.Validate(price, time.GetUtcNow().UtcDateTime) is { } reason)
        {
            telemetry.Rejected.Add(1, new("source", price.Source), new("reason", reason));
            ScraperLog.Rejected(logger, price.Symbol, price.Source, reason);
            activity?.SetStatus(ActivityStatusCode.Error, reason);
            return false;
        }

        var key = MessageKey.For(price);
        // Produce copies the message into librdkafka, so both topics' sends can share it and the delivery handler.
        var message = new Message<string, byte[]> { Key = key, Value = JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice) };
        var sent = time.GetTimestamp();
        Action<DeliveryReport<string, byte[]>> delivered = report => OnDelivered(report, key, sent);
        var queued = true;
        foreach (var topic in s_topics)
        {
            try
            {
                producer.Produce(topic, message, delivered);
            }
            catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                telemetry.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("topic", topic));
                ScraperLog.QueueFull(logger, key, topic, ex.Error.Code);
                queued = false;
            }
        }

        producer.Poll(TimeSpan.Zero);
        Volatile.Write(ref _lastPolled, Stopwatch.GetTimestamp());
        if (!queued)
        {
            // Not on every topic: the caller must not take it as sent (a provider's unchanged quote would never go again).
            activity?.SetStatus(ActivityStatusCode.Error, "producer queue full");
            return false;
        }

        telemetry.Published.Add(1, new KeyValuePair<string, object?>("source", price.Source));
        return true;
    }

    /// <summary>When a publishing thread last served delivery reports (<see cref="Stopwatch"/> ticks: scheduling, not market time).</summary>
    internal long LastPolled => Volatile.Read(ref _lastPolled);

    private void OnDelivered(DeliveryReport<string, byte[]> report, string key, long sent)
    {
        telemetry.ProduceDuration.Record(time.GetElapsedTime(sent).TotalSeconds, new KeyValuePair<string, object?>("topic", report.Topic));
        if (report.Error.IsError)
        {
            telemetry.DeliveryFailures.Add(1, new KeyValuePair<string, object?>("topic", report.Topic));
            ScraperLog.DeliveryFailed(logger, key, report.Topic, report.Error.Reason);
        }
    }
}
