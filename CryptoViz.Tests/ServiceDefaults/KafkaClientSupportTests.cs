using Confluent.Kafka;
using CryptoViz.ServiceDefaults.KafkaDiagnostics;
using Microsoft.Extensions.Logging;

namespace CryptoViz.Tests.ServiceDefaults;

public sealed class KafkaClientSupportTests
{
    [Fact]
    public void Statistics_yield_queue_sizes_counters_and_the_sum_of_known_lags()
    {
        const string json = """
            {"name":"rdkafka#consumer-1","client_id":"cryptoviz-ingest","type":"consumer","replyq":3,"msg_cnt":0,"msg_size":0,
             "tx_bytes":1000,"rx_bytes":52000,"txmsgs":0,"rxmsgs":420,
             "topics":{"crypto-raw-data":{"partitions":{
               "0":{"consumer_lag":5},"1":{"consumer_lag":-1},"2":{"consumer_lag":7},"-1":{"consumer_lag":100}}}}}
            """;

        var snapshot = KafkaStatisticsSnapshot.TryParse(json);

        Assert.NotNull(snapshot);
        Assert.Equal("cryptoviz-ingest", snapshot.ClientId);
        Assert.Equal(3, snapshot.ReplyQueue);
        Assert.Equal(420, snapshot.ReceivedMessages);
        Assert.Equal(52000, snapshot.ReceivedBytes);
        Assert.Equal(12, snapshot.ConsumerLag);
    }

    [Fact]
    public void The_lag_counts_from_the_stored_offsets_and_from_the_committed_ones_only_while_nothing_is_stored()
    {
        const string json = """
            {"name":"rdkafka#consumer-1","client_id":"cryptoviz-ingest","type":"consumer",
             "topics":{"crypto-raw-data":{"partitions":{
               "0":{"consumer_lag":100,"consumer_lag_stored":2},"1":{"consumer_lag":40,"consumer_lag_stored":-1},
               "2":{"consumer_lag":-1,"consumer_lag_stored":-1}}}}}
            """;

        Assert.Equal(42, KafkaStatisticsSnapshot.TryParse(json)!.ConsumerLag);
    }

    [Fact]
    public void Broken_statistics_are_ignored()
    {
        Assert.Null(KafkaStatisticsSnapshot.TryParse("{not json"));
    }

    [Theory]
    [InlineData(SyslogLevel.Critical, LogLevel.Critical)]
    [InlineData(SyslogLevel.Error, LogLevel.Warning)]
    [InlineData(SyslogLevel.Notice, LogLevel.Information)]
    [InlineData(SyslogLevel.Debug, LogLevel.Debug)]
    public void Librdkafka_levels_map_to_ILogger_levels(SyslogLevel syslog, LogLevel expected)
    {
        Assert.Equal(expected, KafkaClientLog.ToLogLevel(syslog));
    }

    [Fact]
    public void Trace_context_survives_a_round_trip_through_message_headers()
    {
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == KafkaTelemetry.ActivitySourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var headers = new Headers();

        using var publish = KafkaTelemetry.StartPublish("crypto-raw-data", "BTC_simulated");
        KafkaTelemetry.Inject(publish, headers);
        var result = new ConsumeResult<string, byte[]>
        {
            Topic = "crypto-raw-data", Partition = 1, Offset = 42,
            Message = new Message<string, byte[]> { Key = "BTC_simulated", Value = [], Headers = headers },
        };
        using var process = KafkaTelemetry.StartProcess(result, "cryptoviz-ingest");

        Assert.NotNull(publish);
        Assert.NotNull(process);
        Assert.Equal(publish.TraceId, process.TraceId);
        Assert.Equal(publish.SpanId, process.ParentSpanId);
    }

    [Fact]
    public void Repeats_of_a_kind_are_held_back_for_a_window_and_counted_in_the_next_report()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 9, 4, 18, 0, 0, TimeSpan.Zero));
        var throttle = new KafkaLogThrottle(time);

        // A broker away: the same failure 130 times in 10 s (librdkafka's reconnect attempts), and another kind once.
        var admitted = Enumerable.Range(0, 130).Count(_ => throttle.Admit("producer-1/FAIL", out _));
        var other = throttle.Admit("producer-1/Local_Transport", out var otherHeld);
        time.Advance(KafkaLogThrottle.Window);
        var next = throttle.Admit("producer-1/FAIL", out var held);
        var quiet = throttle.Admit("producer-1/FAIL", out _);

        Assert.Equal(1, admitted);
        Assert.True(other);
        Assert.Equal(0, otherHeld);
        Assert.True(next);
        Assert.Equal(129, held);
        Assert.False(quiet);
    }
}
