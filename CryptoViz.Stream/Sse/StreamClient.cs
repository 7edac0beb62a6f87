namespace CryptoViz.Stream.Sse;

/// <summary>One open <c>/stream</c> connection as the hub sees it.</summary>
internal sealed class StreamClient(string id, ClientFilter filter, ClientQueue queue)
{
    // Never disposed on purpose: it has no timer, and the hub may still cancel it after the session ended.
    private readonly CancellationTokenSource _evicted = new();

    public string Id { get; } = id;

    public ClientFilter Filter { get; } = filter;

    public ClientQueue Queue { get; } = queue;

    /// <summary>Cancelled when the hub disconnects the client for falling behind.</summary>
    public CancellationToken Evicted => _evicted.Token;

    /// <summary>The id of the last update the client was sent: what a reconnect would resume from.</summary>
    public long Position { get; set; }

    // Callbacks abort the HTTP connection; run them off the broker thread that decided the eviction.
    public Task EvictAsync() => _evicted.CancelAsync();
}
