using System.Net;
using CryptoViz.Tests.Support;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

/// <summary>A class of its own: it takes its broker down, which would disturb any test sharing the fixture.</summary>
public sealed class BrokerOutageTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task During_a_broker_outage_health_is_500_yet_new_clients_get_the_snapshot_and_stay_until_ticks_flow_again()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:HeartbeatInterval"] = "00:00:00.500" });
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();
        await using var watcher = await SseConnection.OpenAsync(http);
        await producer.ProduceAsync(Record("BTC", "coingecko", 100));
        await watcher.ReadUpdateAsync(r => r.Is("BTC", "coingecko"));

        SseConnection during;
        kafka.SetBrokerDown(true);
        try
        {
            await EventuallyAsync(async () =>
            {
                using var health = await http.GetAsync("/health", Ct);
                return health.StatusCode == HttpStatusCode.InternalServerError;
            }, "/health reports the outage");

            during = await SseConnection.OpenAsync(http);
            Assert.Equal("welcome", (await during.ReadAsync()).Type);
            var snapshot = await during.ReadAsync();
            Assert.True(snapshot.Json.GetProperty("data").Is("BTC", "coingecko"));
            // Kept open: the idle client is sent heartbeats, as any other.
            Assert.Equal("heartbeat", (await during.ReadAsync()).Type);
            Assert.Equal("heartbeat", (await during.ReadAsync()).Type);
        }
        finally
        {
            kafka.SetBrokerDown(false);
        }

        await using (during)
        {
            await http.WaitUntilStreamingAsync();
            await producer.ProduceAsync(Record("ETH", "coingecko", 5));
            await during.ReadUpdateAsync(r => r.Is("ETH", "coingecko"));
        }
    }
}
