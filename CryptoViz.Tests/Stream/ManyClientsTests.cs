using CryptoViz.Tests.Support;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

public sealed class ManyClientsTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private const int Clients = 1000;

    [Fact]
    public async Task A_thousand_clients_connect_all_receive_an_update_and_leave_without_a_trace()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();

        var connections = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => SseConnection.OpenAsync(http)));
        try
        {
            var welcomes = await Task.WhenAll(connections.Select(c => c.ReadAsync()));
            var ids = welcomes.Select(w => w.Json.GetProperty("client_id").GetString()).ToHashSet();
            Assert.Equal(Clients, ids.Count);
            Assert.Equal(Clients, (await http.GetJsonAsync("/stats")).GetProperty("connected_clients").GetInt32());

            await producer.ProduceAsync(Record("BTC", "coinmarketcap", 100));
            var updates = await Task.WhenAll(connections.Select(c => c.ReadUpdateAsync()));
            Assert.Single(updates.Select(u => u.Id).Distinct());
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }

        await EventuallyAsync(async () => (await http.GetJsonAsync("/stats")).GetProperty("connected_clients").GetInt32() == 0,
            "every client has left");
        await EventuallyAsync(async () => (await http.GetJsonAsync("/stats")).GetProperty("messages_sent").GetInt64() == Clients,
            "each delivery is counted once");
    }
}
