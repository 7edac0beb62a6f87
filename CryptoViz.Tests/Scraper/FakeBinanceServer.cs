using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// Binance's WebSocket endpoint on a real loopback socket: each connection to <c>/stream</c> runs the next script
/// given to <see cref="OnConnection"/> (the last one repeats), and every text frame a client sends is recorded.
/// </summary>
internal sealed class FakeBinanceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<Connection, Task>> _scripts = new();
    private Func<Connection, Task> _last = c => c.HoldAsync();
    private int _connections;

    private FakeBinanceServer(WebApplication app) => _app = app;

    /// <summary>The <c>ws://</c> root the Scraper appends <c>stream</c> to.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> Received { get; } = new();

    public static async Task<FakeBinanceServer> StartAsync()
    {
        var server = new FakeBinanceServer(LoopbackServer.Create());
        server._app.UseWebSockets();
        server._app.Map("/stream", server.AcceptAsync);
        await server._app.StartAsync();
        var http = LoopbackServer.AddressOf(server._app);
        server.BaseUrl = new UriBuilder(http) { Scheme = "ws" }.Uri;
        return server;
    }

    public void OnConnection(Func<Connection, Task> script)
    {
        _scripts.Enqueue(script);
        _last = script;
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var script = _scripts.TryDequeue(out var next) ? next : _last;
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        Interlocked.Increment(ref _connections);
        await script(new Connection(this, context, socket));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One client connection, as a script sees it.</summary>
    internal sealed class Connection(FakeBinanceServer server, HttpContext context, WebSocket socket)
    {
        /// <summary>Reads the client's next text frame (the SUBSCRIBE request) and records it.</summary>
        public async Task<string> ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
            server.Received.Enqueue(text);
            return text;
        }

        public Task SendAsync(string text) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, context.RequestAborted);

        public Task SendBinaryAsync(byte[] data) =>
            socket.SendAsync(data, WebSocketMessageType.Binary, true, context.RequestAborted);

        /// <summary>Waits (a bounded while) for the test to see something, e.g. that the client handled the frames sent.</summary>
        public async Task WaitUntilAsync(Func<bool> condition)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            while (!condition()) await Task.Delay(20, timeout.Token);
        }

        /// <summary>Drops the TCP connection without a close handshake, as a network failure does.</summary>
        public void Drop() => context.Abort();

        /// <summary>Keeps the connection open, reading whatever comes, until the client goes.</summary>
        public async Task HoldAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    server.Received.Enqueue(Encoding.UTF8.GetString(buffer, 0, result.Count));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The client went away: the connection's end.
            }
        }
    }
}
