using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Sends a message Ingest cannot store to <see cref="Topics.DeadLetter"/> unchanged, with why and where it
/// came from in headers, so nothing is lost and it can be replayed once fixed.
/// </summary>
public sealed class DeadLetterPublisher(IProducer<string, byte[]> producer)
{
    public const string ReasonHeader = "dlq.reason";
    public const string OriginTopicHeader = "dlq.origin.topic";
    public const string OriginPartitionHeader = "dlq.origin.partition";
    public const string OriginOffsetHeader = "dlq.origin.offset";

    public void Publish(ConsumeResult<string, byte[]> origin, string reason, Action<DeliveryReport<string, byte[]>> onDelivered)
    {
        var headers = new Headers();
        foreach (var header in origin.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        headers.Add(ReasonHeader, Encoding.UTF8.GetBytes(reason));
        headers.Add(OriginTopicHeader, Encoding.UTF8.GetBytes(origin.Topic));
        headers.Add(OriginPartitionHeader, Encoding.UTF8.GetBytes(origin.Partition.Value.ToString(CultureInfo.InvariantCulture)));
        headers.Add(OriginOffsetHeader, Encoding.UTF8.GetBytes(origin.Offset.Value.ToString(CultureInfo.InvariantCulture)));
        producer.Produce(Topics.DeadLetter,
            new Message<string, byte[]> { Key = origin.Message.Key, Value = origin.Message.Value, Headers = headers },
            onDelivered);
    }
}
