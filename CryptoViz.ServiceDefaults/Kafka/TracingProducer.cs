using System.Diagnostics;
using Confluent.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;

namespace CryptoViz.ServiceDefaults.Kafka;

/// <summary>
/// Wraps a producer so every message carries its span's trace context in its headers, the way
/// OpenTelemetry's Confluent.Kafka instrumentation does. <c>Produce</c> ends its span at enqueue,
/// <c>ProduceAsync</c> at delivery.
/// </summary>
internal sealed class TracingProducer<TKey, TValue>(IProducer<TKey, TValue> inner) : IProducer<TKey, TValue>
{
    public Handle Handle => inner.Handle;

    public string Name => inner.Name;

    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message,
        CancellationToken cancellationToken = default) =>
        TracedAsync(topic, message, () => inner.ProduceAsync(topic, message, cancellationToken));

    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition,
        Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        TracedAsync(topicPartition.Topic, message, () => inner.ProduceAsync(topicPartition, message, cancellationToken));

    public void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null)
    {
        using var activity = Begin(topic, message);
        inner.Produce(topic, message, deliveryHandler);
    }

    public void Produce(TopicPartition topicPartition, Message<TKey, TValue> message,
        Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null)
    {
        using var activity = Begin(topicPartition.Topic, message);
        inner.Produce(topicPartition, message, deliveryHandler);
    }

    private static async Task<DeliveryResult<TKey, TValue>> TracedAsync(string topic, Message<TKey, TValue> message,
        Func<Task<DeliveryResult<TKey, TValue>>> produce)
    {
        using var activity = Begin(topic, message);
        try
        {
            var result = await produce().ConfigureAwait(false);
            activity?.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString());
            activity?.SetTag("messaging.kafka.offset", result.Offset.Value);
            return result;
        }
        catch (Exception ex)
        {
            activity?.AddException(ex).SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private static Activity? Begin(string topic, Message<TKey, TValue> message)
    {
        var activity = KafkaTelemetry.StartPublish(topic, message.Key);
        if (activity is not null)
        {
            message.Headers ??= [];
            KafkaTelemetry.Inject(activity, message.Headers);
        }

        return activity;
    }

    public int Poll(TimeSpan timeout) => inner.Poll(timeout);

    public int Flush(TimeSpan timeout) => inner.Flush(timeout);

    public void Flush(CancellationToken cancellationToken = default) => inner.Flush(cancellationToken);

    public void InitTransactions(TimeSpan timeout) => inner.InitTransactions(timeout);

    public void BeginTransaction() => inner.BeginTransaction();

    public void CommitTransaction(TimeSpan timeout) => inner.CommitTransaction(timeout);

    public void CommitTransaction() => inner.CommitTransaction();

    public void AbortTransaction(TimeSpan timeout) => inner.AbortTransaction(timeout);

    public void AbortTransaction() => inner.AbortTransaction();

    public void SendOffsetsToTransaction(IEnumerable<TopicPartitionOffset> offsets, IConsumerGroupMetadata groupMetadata,
        TimeSpan timeout) => inner.SendOffsetsToTransaction(offsets, groupMetadata, timeout);

    public int AddBrokers(string brokers) => inner.AddBrokers(brokers);

    public void SetSaslCredentials(string username, string password) => inner.SetSaslCredentials(username, password);

    public void Dispose() => inner.Dispose();
}
