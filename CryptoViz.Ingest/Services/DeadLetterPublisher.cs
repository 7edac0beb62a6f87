using System.Globalization;
using System.Text;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// Sends a message Ingest cannot store to <see cref="Topics.DeadLetter"/> unchanged, with why and where it
/// came from in headers, so nothing is lost and it can be replayed once fixed. A value too big for the topic once the
/// headers are added is cut to <see cref="MaxTruncatedValueBytes"/>, its original size in <see cref="TruncatedHeader"/>:
/// the whole message stays in its origin topic, at the offset the headers name, for as long as that topic keeps it.
/// </summary>
public sealed class DeadLetterPublisher(IProducer<string, byte[]> producer)
{
    public const string ReasonHeader = "dlq.reason";
    public const string OriginTopicHeader = "dlq.origin.topic";
    public const string OriginPartitionHeader = "dlq.origin.partition";
    public const string OriginOffsetHeader = "dlq.origin.offset";
    public const string TruncatedHeader = "dlq.value.truncated";

    /// <summary>Enough of a value to see what it was; far below any broker's message limit.</summary>
    public const int MaxTruncatedValueBytes = 64 * 1024;

    /// <returns>Completes when the broker has the dead letter.</returns>
    /// <exception cref="ProduceException{TKey, TValue}">The broker did not take it (the caller tries again later).</exception>
    public async Task PublishAsync(ConsumeResult<string, byte[]> origin, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await producer.ProduceAsync(Topics.DeadLetter, Message(origin, reason, truncate: false), cancellationToken).ConfigureAwait(false);
        }
        catch (ProduceException<string, byte[]> ex) when (ex.Error.Code == ErrorCode.MsgSizeTooLarge)
        {
            await producer.ProduceAsync(Topics.DeadLetter, Message(origin, reason, truncate: true), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Message<string, byte[]> Message(ConsumeResult<string, byte[]> origin, string reason, bool truncate)
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
        var value = origin.Message.Value;
        if (truncate && value is { Length: > MaxTruncatedValueBytes })
        {
            headers.Add(TruncatedHeader, Encoding.UTF8.GetBytes(value.Length.ToString(CultureInfo.InvariantCulture)));
            value = value[..MaxTruncatedValueBytes];
        }

        return new Message<string, byte[]> { Key = origin.Message.Key, Value = value, Headers = headers };
    }
}
