namespace CryptoViz.Bench.Stream;

internal static class SseHttp
{
    /// <summary>One connection per reader and no timeout: an SSE read lasts the whole run.</summary>
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = int.MaxValue,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
