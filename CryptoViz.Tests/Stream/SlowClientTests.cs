using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using static CryptoViz.Tests.Stream.StreamTestKit;

namespace CryptoViz.Tests.Stream;

public sealed class SlowClientTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private const int SmallBuffer = 4096;

    [Fact]
    public async Task A_client_that_never_reads_is_conflated_then_disconnected_while_others_keep_receiving()
    {
        using var producer = kafka.StreamingProducer();
        await using var app = StreamAppFactory.Start(kafka.BootstrapServers,
            new Dictionary<string, string?> { ["Stream:SlowClientTimeout"] = "00:00:02" },
            configureServices: ShrinkServerBuffers);
        using var http = app.CreateHttpClient();
        await http.WaitUntilStreamingAsync();

        await using var fast = await SseConnection.OpenAsync(http);
        using var slow = await ConnectSilentClientAsync(app.Address);
        await EventuallyAsync(async () => (await http.GetJsonAsync("/stats")).GetProperty("connected_clients").GetInt32() == 2,
            "both clients are connected");

        // The fast client is read all along, as a live page would; it only stops at DONE.
        var latest = new ConcurrentDictionary<string, double>();
        var fastReader = Task.Run(async () =>
        {
            while (true)
            {
                var data = (await fast.ReadUpdateAsync()).Json.GetProperty("data");
                var symbol = data.GetProperty("symbol").GetString()!;
                latest[symbol] = data.GetProperty("price").GetDouble();
                if (symbol == "DONE") return;
            }
        }, Ct);

        // Ten coins, many ticks each: far more than the stalled connection's buffers hold.
        var symbols = Enumerable.Range(0, 10).Select(i => $"C{i}").ToArray();
        for (var round = 1; round <= 100; round++)
        {
            foreach (var symbol in symbols) producer.Produce(Record(symbol, "slowtest", round));
        }

        producer.Flush(Ct);
        await EventuallyAsync(() => Task.FromResult(symbols.All(s => latest.TryGetValue(s, out var p) && p == 100)),
            "the fast client has every coin's last tick");
        await EventuallyAsync(async () => (await http.GetJsonAsync("/stats")).GetProperty("dropped_events").GetInt64() > 0,
            "pending updates were conflated");

        // Events keep coming while the silent client takes none: past the timeout it is cut off.
        var tick = 0;
        await EventuallyAsync(async () =>
        {
            await producer.ProduceAsync(Record("TICK", "slowtest", ++tick));
            return (await http.GetJsonAsync("/stats")).GetProperty("slow_clients_disconnected").GetInt64() == 1;
        }, "the silent client is disconnected");
        Assert.Equal(1, (await http.GetJsonAsync("/stats")).GetProperty("connected_clients").GetInt32());

        await producer.ProduceAsync(Record("DONE", "slowtest", 1));
        await fastReader.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await AssertClosedByServerAsync(slow);
    }

    private static void ShrinkServerBuffers(IServiceCollection services)
    {
        // Small buffers make "the client stopped reading" visible after kilobytes instead of megabytes.
        services.Configure<KestrelServerOptions>(o =>
        {
            o.Limits.MaxResponseBufferSize = SmallBuffer;
            o.Limits.MinResponseDataRate = null;
        });
        services.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = SmallBuffer;
            return socket;
        });
    }

    private static async Task<Socket> ConnectSilentClientAsync(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = SmallBuffer };
        await socket.ConnectAsync(address.Host, address.Port, Ct);
        var request = $"GET /stream HTTP/1.1\r\nHost: {address.Authority}\r\nAccept: text/event-stream\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, Ct);
        return socket;
    }

    private static async Task AssertClosedByServerAsync(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[64 * 1024];
        try
        {
            // Drain what the server had sent before it gave up; the end of the stream must follow.
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // An abort with unsent data resets the connection: closed as well.
        }
    }
}
