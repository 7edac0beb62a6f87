namespace CryptoViz.Tests.Scraper;

/// <summary>
/// Counts the HTTP attempts under way, from a handler placed innermost in a client's pipeline (inside its resilience
/// handler): a test that moves a fake clock does so only while no attempt runs, so that the handler's timeouts, which run
/// on the same clock, never cut a call short.
/// </summary>
internal sealed class InFlightRequests
{
    private int _count;
    private int _started;

    /// <summary>Attempts under way.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Attempts ever started.</summary>
    public int Started => Volatile.Read(ref _started);

    public DelegatingHandler CreateHandler() => new Handler(this);

    private sealed class Handler(InFlightRequests owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._count);
            Interlocked.Increment(ref owner._started);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref owner._count);
            }
        }
    }
}
