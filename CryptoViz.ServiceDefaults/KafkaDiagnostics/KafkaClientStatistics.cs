using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

/// <summary>
/// librdkafka's statistics (emitted every <c>statistics.interval.ms</c>) as OpenTelemetry metrics, with
/// the instrument names of Aspire 8's Confluent.Kafka metrics, plus consumer lag. The callback runs on
/// the client's own thread, so it only parses a few numbers and swaps a snapshot; observers read it.
/// </summary>
public sealed class KafkaClientStatistics
{
    private readonly ConcurrentDictionary<string, KafkaStatisticsSnapshot> _latest = new();

    public KafkaClientStatistics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KafkaTelemetry.MeterName);
        meter.CreateObservableGauge("messaging.kafka.consumer.queue.message_count", () => Observe(s => s.ReplyQueue), description: "Operations waiting in the consumer's reply queue");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.message_count", () => Observe(s => s.ProducerQueueMessages), description: "Messages waiting in the producer queue");
        meter.CreateObservableGauge("messaging.kafka.producer.queue.size", () => Observe(s => s.ProducerQueueBytes), unit: "By", description: "Bytes waiting in the producer queue");
        meter.CreateObservableGauge("messaging.kafka.consumer.lag", () => Observe(s => s.ConsumerLag), unit: "{message}", description: "Messages between the consumer's stored offsets (what it has finished) and the partitions' ends");
        meter.CreateObservableCounter("messaging.kafka.network.transmitted", () => Observe(s => s.TransmittedBytes), unit: "By");
        meter.CreateObservableCounter("messaging.kafka.network.received", () => Observe(s => s.ReceivedBytes), unit: "By");
        meter.CreateObservableCounter("messaging.publish.messages", () => Observe(s => s.TransmittedMessages), unit: "{message}");
        meter.CreateObservableCounter("messaging.receive.messages", () => Observe(s => s.ReceivedMessages), unit: "{message}");
    }

    /// <summary>The newest statistics of every client in this process, by librdkafka client name.</summary>
    public IReadOnlyDictionary<string, KafkaStatisticsSnapshot> Latest => _latest;

    public void Publish(string statisticsJson)
    {
        if (KafkaStatisticsSnapshot.TryParse(statisticsJson) is { } snapshot)
        {
            _latest[snapshot.Name] = snapshot;
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<KafkaStatisticsSnapshot, long> value) =>
        _latest.Values.Select(s => new Measurement<long>(value(s),
            new KeyValuePair<string, object?>("messaging.client_id", s.ClientId),
            new KeyValuePair<string, object?>("name", s.Name),
            new KeyValuePair<string, object?>("type", s.Type)));
}
