namespace CryptoViz.Stream.Hub;

/// <summary>
/// One of the <c>Stream:MaxClients</c> places, held by a <c>/stream</c> connection from its admission until it ends.
/// Freeing it twice frees it once, so every way out of a session may free it.
/// </summary>
internal sealed class ClientPlace(StreamHub hub) : IDisposable
{
    private int _freed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _freed, 1) == 0) hub.Free();
    }
}
