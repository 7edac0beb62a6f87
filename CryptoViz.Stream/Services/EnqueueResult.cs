namespace CryptoViz.Stream.Services;

internal enum EnqueueResult
{
    Enqueued,

    /// <summary>A pending update with the same (symbol, source) was replaced: the client is behind, not lost.</summary>
    Conflated,

    /// <summary>More distinct updates are pending than the queue holds.</summary>
    Overflow,

    /// <summary>The client has taken nothing for longer than the slow-client timeout while events waited.</summary>
    Stalled,

    Closed,
}
