using System.Globalization;
using Confluent.Kafka;

namespace CryptoViz.Ingest.Lake;

/// <summary>
/// What tells a record from another at the same offset of another incarnation of its topic: its Kafka timestamp and key.
/// Two incarnations that put the same key at the same offset in the same millisecond do not happen.
/// </summary>
internal static class LakeRecordIdentity
{
    public static string Of(ConsumeResult<string, byte[]> result) => Of(result.Message.Timestamp.UnixTimestampMs, result.Message.Key);

    public static string Of(long timestampMs, string? key) => string.Create(CultureInfo.InvariantCulture, $"{timestampMs}:{key}");
}
