using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Stream;

/// <summary>An open <c>/stream</c> response read through <see cref="SseReader"/>, each read bounded by a timeout.</summary>
internal sealed class SseConnection : IAsyncDisposable
{
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(20);

    private readonly SseReader _reader;

    private SseConnection(HttpResponseMessage response, SseReader reader)
    {
        Response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response { get; }

    public int Comments => _reader.Comments;

    public string? LastComment => _reader.LastComment;

    public static async Task<SseConnection> OpenAsync(HttpClient http, string query = "", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/stream" + query);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new SseConnection(response, new SseReader(body));
    }

    /// <summary>The next event; fails the test when none comes in time or the stream ends.</summary>
    public async Task<SseEvent> ReadAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(s_readTimeout);
        return await _reader.ReadAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
    }

    /// <summary>Reads on until a <c>crypto_update</c> whose record matches, returning it; heartbeats are skipped.</summary>
    public async Task<SseEvent> ReadUpdateAsync(Func<System.Text.Json.JsonElement, bool>? record = null)
    {
        while (true)
        {
            var next = await ReadAsync();
            if (next.Type == "crypto_update" && (record is null || record(next.Json.GetProperty("data")))) return next;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        Response.Dispose();
        return ValueTask.CompletedTask;
    }
}
