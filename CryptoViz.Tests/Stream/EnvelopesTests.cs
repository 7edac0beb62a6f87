using System.Buffers;
using System.Text;
using System.Text.Json;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Stream.Sse;
using CryptoViz.Stream.Hub;

namespace CryptoViz.Tests.Stream;

public sealed class EnvelopesTests
{
    private static readonly DateTime s_now = new(2025, 9, 4, 18, 42, 9, 731, 22, DateTimeKind.Utc);
    private static readonly StreamPosition s_position = StreamPosition.Start
        .After(new PartitionOffset(Topics.Streaming, 0, 42)).After(new PartitionOffset(Topics.Streaming, 2, 7)).After(new PartitionOffset(Topics.Predictions, 0, 3));

    [Fact]
    public void An_update_is_an_unnamed_event_with_an_id_and_the_record_verbatim()
    {
        const string record = """{"name": "Bitcoin", "symbol": "BTC", "price": 111842.37}""";

        var frame = Encoding.UTF8.GetString(Envelopes.Render(s_position, ClientFilter.UpdateType, Encoding.UTF8.GetBytes(record), UpdateOrigin.Broker, s_now));

        Assert.Equal($$"""id: s0-42.s2-7.p0-3{{"\n"}}data: {"type":"crypto_update","data":{{record}},"timestamp":"2025-09-04T18:42:09.731022","source":"redpanda"}{{"\n\n"}}""", frame);
    }

    [Fact]
    public void A_record_with_line_breaks_still_travels_on_one_data_line()
    {
        const string record = "{\r\n  \"symbol\": \"BTC\",\n  \"price\": 1\n}";

        var frame = Encoding.UTF8.GetString(Envelopes.Render(s_position, ClientFilter.UpdateType, Encoding.UTF8.GetBytes(record), UpdateOrigin.TestEndpoint, s_now));

        var lines = frame.Split('\n');
        Assert.Equal(["id: s0-42.s2-7.p0-3", "", ""], [lines[0], lines[2], lines[3]]);
        using var envelope = JsonDocument.Parse(lines[1]["data: ".Length..]);
        Assert.Equal("test-endpoint", envelope.RootElement.GetProperty("source").GetString());
        Assert.Equal(1, envelope.RootElement.GetProperty("data").GetProperty("price").GetInt32());
    }

    [Fact]
    public void Welcome_carries_the_retry_line_and_V2_fields()
    {
        var output = new ArrayBufferWriter<byte>();

        var written = Envelopes.WriteWelcome(output, TimeSpan.FromSeconds(3), StreamPosition.Start, "client_1757011329164", s_now);

        Assert.Equal(output.WrittenCount, written);
        // Before its snapshot a client has no place: an empty id, so that EventSource sends no Last-Event-ID.
        Assert.Equal(
            "retry: 3000\nid: \ndata: {\"type\":\"welcome\",\"message\":\"Streaming CryptoViz Redpanda connect\\u00E9\",\"client_id\":\"client_1757011329164\",\"timestamp\":\"2025-09-04T18:42:09.731022\",\"backend\":\"redpanda\"}\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Heartbeat_carries_the_stats_of_V2()
    {
        var output = new ArrayBufferWriter<byte>();

        Envelopes.WriteHeartbeat(output, s_position, s_now, 3, 51, "connected");

        Assert.Equal(
            "id: s0-42.s2-7.p0-3\ndata: {\"type\":\"heartbeat\",\"timestamp\":\"2025-09-04T18:42:09.731022\",\"backend\":\"redpanda\",\"stats\":{\"connected_clients\":3,\"messages_sent\":51,\"redpanda_status\":\"connected\"}}\n\n",
            Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
