using System.Collections.Concurrent;
using System.Net;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Scraper;

/// <summary>A provider API on a real loopback socket (Kestrel): answers with whatever <see cref="Respond"/> says and records each request.</summary>
internal sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile Func<HttpContext, Task> _responder = c => Results.NotFound().ExecuteAsync(c);

    private FakeProviderServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeProviderServer> StartAsync()
    {
        var server = new FakeProviderServer(LoopbackServer.Create());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = LoopbackServer.AddressOf(server._app);
        return server;
    }

    /// <summary>Every later request gets this answer.</summary>
    public void Respond(Func<HttpContext, Task> responder) => _responder = responder;

    public void RespondJson(string body, int status = 200) => Respond(c => WriteAsync(c, status, "application/json", body));

    public static async Task WriteAsync(HttpContext context, int status, string contentType, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    private Task HandleAsync(HttpContext context)
    {
        Requests.Enqueue(new RecordedRequest(
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        return _responder(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    public static Uri ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
