namespace CryptoViz.Scraper.Sources;

/// <summary>What one real provider has done so far: read by the supervisor, <c>/health</c> and tests.</summary>
public sealed class SourceState(string name, TimeSpan interval)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastSuccess;
    private string? _lastError;
    private DateTimeOffset? _pausedUntil;
    private int _consecutiveFailures;
    private long _fetches;
    private long _published;
    private long _unchanged;
    private long _rejected;
    private long _skipped;

    public string Name { get; } = name;

    public TimeSpan Interval { get; } = interval;

    public DateTimeOffset? LastSuccess { get { lock (_gate) return _lastSuccess; } }

    public string? LastError { get { lock (_gate) return _lastError; } }

    /// <summary>Set after a 429: no call before this time.</summary>
    public DateTimeOffset? PausedUntil { get { lock (_gate) return _pausedUntil; } }

    public int ConsecutiveFailures { get { lock (_gate) return _consecutiveFailures; } }

    /// <summary>
    /// <c>ok</c>; <c>failing</c> after a failed call; <c>degraded</c> once it failed <see cref="DegradedAfter"/> times in a row.
    /// A degraded provider does not make the Scraper unhealthy: the others, or the fallback, carry on.
    /// </summary>
    public string Status => ConsecutiveFailures switch
    {
        0 => "ok",
        < DegradedAfter => "failing",
        _ => "degraded",
    };

    public const int DegradedAfter = 3;

    /// <summary>Calls made (successful or not); cycles skipped for a 429 are in <see cref="Skipped"/>.</summary>
    public long Fetches => Interlocked.Read(ref _fetches);

    public long Published => Interlocked.Read(ref _published);

    /// <summary>Valid quotes not republished because their source timestamp had been published already.</summary>
    public long Unchanged => Interlocked.Read(ref _unchanged);

    /// <summary>Items rejected by mapping or validation.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public long Skipped => Interlocked.Read(ref _skipped);

    internal void Succeeded(DateTimeOffset at, long published, long unchanged, long rejected)
    {
        lock (_gate)
        {
            _lastSuccess = at;
            _lastError = null;
            _consecutiveFailures = 0;
        }

        Interlocked.Add(ref _published, published);
        Interlocked.Add(ref _unchanged, unchanged);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Increment(ref _fetches);
    }

    /// <summary>A call that brought no valid quote: the whole response rejected, or every item.</summary>
    internal void Failed(string reason, long rejected, DateTimeOffset? pausedUntil = null)
    {
        lock (_gate)
        {
            _lastError = reason;
            _consecutiveFailures++;
            if (pausedUntil is not null) _pausedUntil = pausedUntil;
        }

        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Increment(ref _fetches);
    }

    internal void SkippedCycle() => Interlocked.Increment(ref _skipped);

    public override string ToString()
    {
        lock (_gate)
        {
            return _lastError is null
                ? $"ok, last success {_lastSuccess:O}, published {Published}"
                : $"{(_consecutiveFailures < DegradedAfter ? "failing" : "degraded")}: failed ×{_consecutiveFailures}, last {_lastError}" + (_pausedUntil is { } until ? $", paused until {until:O}" : "");
        }
    }
}
