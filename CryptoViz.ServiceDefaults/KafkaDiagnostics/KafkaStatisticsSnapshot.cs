using System.Text.Json;

namespace CryptoViz.ServiceDefaults.KafkaDiagnostics;

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

    /// <summary>
    /// Messages past the consumer's stored offsets, summed over its partitions. Stored, not committed: offsets are stored
    /// once their messages are done (Ingest: in DuckDB) and committed only every <c>auto.commit.interval.ms</c>, so the
    /// committed lag of a consumer that keeps up reads as several seconds of messages. The committed lag stands in while
    /// nothing is stored yet (after a restart).
    /// </summary>
    private static long ConsumerLagOf(JsonElement root)
    {
        long lag = 0;
        if (!root.TryGetProperty("topics", out var topics)) return 0;
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions)) continue;
            foreach (var partition in partitions.EnumerateObject())
            {
                // "-1" is librdkafka's internal unassigned partition; a lag is -1 when unknown.
                if (partition.Name == "-1") continue;
                var stored = Num(partition.Value, "consumer_lag_stored", missing: -1);
                var known = stored >= 0 ? stored : Num(partition.Value, "consumer_lag");
                if (known > 0) lag += known;
            }
        }

        return lag;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static long Num(JsonElement e, string name, long missing = 0) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : missing;
}
