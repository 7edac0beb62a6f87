namespace CryptoViz.Stream.Sse;

/// <summary>One open <c>/stream</c> connection as the hub sees it.</summary>
internal sealed class StreamClient(string id, ClientFilter filter, ClientQueue queue)
{
    // Never disposed on purpose: it has no timer, and the hub may still cancel it after the session ended.
    private readonly CancellationTokenSource _evicted = new();

    // Whether every event still to come is at or past Position, so that each one's own id is the client's place.
    private bool _inStep = true;

    public string Id { get; } = id;

    public ClientFilter Filter { get; } = filter;

    public ClientQueue Queue { get; } = queue;

    /// <summary>Cancelled when the hub disconnects the client for falling behind.</summary>
    public CancellationToken Evicted => _evicted.Token;

    /// <summary>
    /// Everything at or before it in the log the client has, or no longer needs (a newer event of the same key replaced
    /// it): what a reconnect resumes from. Only the client's writer moves it once the client is registered.
    /// </summary>
    public StreamPosition Position { get; private set; } = StreamPosition.Start;

    /// <summary>
    /// Resumes after a place another instance may have reached in another interleaving of the partitions: this
    /// instance's events may be behind it in some partition, or even not yet there.
    /// </summary>
    public void ResumeFrom(StreamPosition position) => (Position, _inStep) = (position, false);

    /// <summary>The client is at <paramref name="position"/> and every event to come is past it.</summary>
    public void Reached(StreamPosition position) => (Position, _inStep) = (position, true);

    /// <summary>Moves the client past <paramref name="update"/>, which its writer is about to send.</summary>
    /// <returns>
    /// The id to send it with: its own once the client is in step, else the union of both, since its own would take a
    /// resumed client back in partitions it is further along; null when the client already has it.
    /// </returns>
    public StreamPosition? Take(StreamEvent update)
    {
        if (!_inStep)
        {
            if (update.At is { } at && at.Offset <= Position.OffsetOf(at.Topic, at.Partition)) return null;
            if (!update.Id.Covers(Position)) return Position = Position.Union(update.Id);
            _inStep = true;
        }

        return Position = update.Id;
    }

    // Callbacks abort the HTTP connection; run them off the broker thread that decided the eviction.
    public Task EvictAsync() => _evicted.CancelAsync();
}
