using System.Text;
using Confluent.Kafka;
using CryptoViz.Ingest.Services;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary>A message of <c>crypto-dead-letter</c>: where it came from (Ingest's headers), how big it is and, when cut, how big it was.</summary>
internal sealed record DeadLetter(string? OriginTopic, int? OriginPartition, long? OriginOffset, int Bytes, string? TruncatedFrom)
{
    public static TopicTail<DeadLetter> Tail(string bootstrapServers) =>
        new(bootstrapServers, Topics.DeadLetter, Topics.SeedPartitions, Read);

    public bool Of(TopicPartitionOffset origin) =>
        OriginTopic == origin.Topic && OriginPartition == origin.Partition.Value && OriginOffset == origin.Offset.Value;

    private static DeadLetter Read(ConsumeResult<string, byte[]> result)
    {
        var headers = result.Message.Headers;
        return new DeadLetter(
            Header(headers, DeadLetterPublisher.OriginTopicHeader),
            int.TryParse(Header(headers, DeadLetterPublisher.OriginPartitionHeader), out var partition) ? partition : null,
            long.TryParse(Header(headers, DeadLetterPublisher.OriginOffsetHeader), out var offset) ? offset : null,
            result.Message.Value?.Length ?? 0,
            Header(headers, DeadLetterPublisher.TruncatedHeader));
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;
}
