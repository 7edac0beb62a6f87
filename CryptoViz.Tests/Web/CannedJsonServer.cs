using System.Collections.Concurrent;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Web;

/// <summary>Answers GETs with canned JSON on a real Kestrel socket, in Ingest's or Stream's role; 404 for anything else.</summary>
internal sealed class CannedJsonServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _routes = new(StringComparer.OrdinalIgnoreCase);

    private int _disposed;

    private CannedJsonServer()
    {
        _app = LoopbackServer.Create();
        _app.Run(ServeAsync);
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Paths asked for, with their query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<CannedJsonServer> StartAsync()
    {
        var server = new CannedJsonServer();
        await server._app.StartAsync();
        server.Address = LoopbackServer.AddressOf(server._app);
        return server;
    }

    /// <summary>Answers <paramref name="path"/> (without query) with <paramref name="body"/>; a later call replaces it.</summary>
    public CannedJsonServer Map(string path, string body, int status = StatusCodes.Status200OK)
    {
        _routes[path] = (status, body);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        Requests.Enqueue(context.Request.Path + context.Request.QueryString);
        if (!_routes.TryGetValue(context.Request.Path, out var route))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.StatusCode = route.Status;
        context.Response.ContentType = route.Body.StartsWith('{') || route.Body.StartsWith('[') ? "application/json" : "text/plain";
        await context.Response.WriteAsync(route.Body);
    }
}
