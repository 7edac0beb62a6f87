using System.Text.Json;

namespace CryptoViz.ServiceDefaults.Kafka;

/// <summary>The few numbers CryptoViz reads from one librdkafka statistics report.</summary>
public sealed record KafkaStatisticsSnapshot(
    string Name, string ClientId, string Type, long ReplyQueue, long ProducerQueueMessages, long ProducerQueueBytes,
    long TransmittedBytes, long ReceivedBytes, long TransmittedMessages, long ReceivedMessages, long ConsumerLag)
{
    public static KafkaStatisticsSnapshot? TryParse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            return new KafkaStatisticsSnapshot(
                Str(root, "name"), Str(root, "client_id"), Str(root, "type"),
                Num(root, "replyq"), Num(root, "msg_cnt"), Num(root, "msg_size"),
                Num(root, "tx_bytes"), Num(root, "rx_bytes"), Num(root, "txmsgs"), Num(root, "rxmsgs"),
                ConsumerLagOf(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long ConsumerLagOf(JsonElement root)
    {
        long lag = 0;
        if (!root.TryGetProperty("topics", out var topics)) return 0;
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions)) continue;
            foreach (var partition in partitions.EnumerateObject())
            {
                // "-1" is librdkafka's internal unassigned partition; lag is -1 when unknown.
                if (partition.Name != "-1" && Num(partition.Value, "consumer_lag") is > 0 and var l) lag += l;
            }
        }

        return lag;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static long Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
