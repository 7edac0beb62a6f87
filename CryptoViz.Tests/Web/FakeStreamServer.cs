using System.Text.Json;
using System.Threading.Channels;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Web;

/// <summary>
/// Plays Stream's <c>/stream</c> (docs/v2-contract.md#sse-get-stream) on a real Kestrel socket: unnamed SSE events with
/// an <c>id:</c> line, a welcome on connect, then whatever the test publishes.
/// </summary>
internal sealed class FakeStreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<Channel<string>> _clients = [];
    private readonly Channel<string?> _connections = Channel.CreateUnbounded<string?>();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextId;

    private FakeStreamServer()
    {
        _app = LoopbackServer.Create();
        _app.MapGet("/stream", ServeAsync);
        _app.MapGet("/stats", () => Results.Text(StatsJson, "application/json"));
        _app.MapGet("/health", () => Results.Text(HealthJson, "application/json", statusCode: HealthStatusCode));
    }

    /// <summary>What <c>/stats</c> answers.</summary>
    public string StatsJson { get; set; } = CannedJson.StreamStats;

    /// <summary>What <c>/health</c> answers, with <see cref="HealthStatusCode"/>.</summary>
    public string HealthJson { get; set; } = CannedJson.StreamHealthy;

    public int HealthStatusCode { get; set; } = StatusCodes.Status200OK;

    public Uri Address { get; private set; } = null!;

    public static async Task<FakeStreamServer> StartAsync()
    {
        var server = new FakeStreamServer();
        await server._app.StartAsync();
        server.Address = LoopbackServer.AddressOf(server._app);
        return server;
    }

    /// <summary>Waits for the next client to connect and returns the <c>Last-Event-ID</c> it sent.</summary>
    public async Task<string?> NextConnectionAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _connections.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Sends a crypto_update to every connected client; returns the event id used.</summary>
    public string Publish(CryptoPrice price)
    {
        var record = JsonSerializer.Serialize(price, CryptoVizJsonContext.Default.CryptoPrice);
        return Send($$"""{"type": "crypto_update", "data": {{record}}, "timestamp": "2025-09-04T18:42:09.731022", "source": "redpanda"}""");
    }

    /// <summary>Sends a prediction event, as Stream relays <c>crypto-predictions</c>; returns the event id used.</summary>
    public string Publish(Prediction prediction)
    {
        var record = JsonSerializer.Serialize(prediction, CryptoVizJsonContext.Default.Prediction);
        return Send($$"""{"type": "prediction", "data": {{record}}, "timestamp": "2025-09-04T18:42:09.731022", "source": "redpanda"}""");
    }

    /// <summary>Sends one event whose <c>data:</c> is <paramref name="json"/>, verbatim.</summary>
    public string Send(string json)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var frame = $"id: {id}\ndata: {json}\n\n";
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryWrite(frame);
            }
        }

        return id;
    }

    /// <summary>Ends every open response, as a restarting Stream would; new connections are still accepted.</summary>
    public void DropClients()
    {
        lock (_gate)
        {
            foreach (var client in _clients)
            {
                client.Writer.TryComplete();
            }
        }
    }

    /// <summary>Ends every response and stops listening, as a Stream that went down.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        // Cancelled first: a client reconnecting during the stop is turned away instead of holding it up.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (_stopping.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var client = Channel.CreateUnbounded<string>();
        client.Writer.TryWrite("""data: {"type": "welcome", "message": "hello", "client_id": "client_1", "timestamp": "2025-09-04T18:42:09.164135", "backend": "redpanda"}""" + "\n\n");
        lock (_gate)
        {
            _clients.Add(client);
        }

        _connections.Writer.TryWrite(context.Request.Headers["Last-Event-ID"].FirstOrDefault());
        try
        {
            await foreach (var frame in client.Reader.ReadAllAsync(ended.Token))
            {
                await context.Response.WriteAsync(frame, ended.Token);
                await context.Response.Body.FlushAsync(ended.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away, or the server is stopping: either way the response ends here.
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(client);
            }
        }
    }
}
