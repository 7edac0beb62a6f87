namespace CryptoViz.Stream.Sse;

internal enum EnqueueResult
{
    Enqueued,

    /// <summary>More distinct updates are pending than the queue holds.</summary>
    Overflow,

    /// <summary>The client has taken nothing for longer than the slow-client timeout while events waited.</summary>
    Stalled,

    Closed,
}
