using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources;

/// <summary>
/// Knows which real providers run and when each last delivered a valid quote, and decides whether the offline
/// sources publish. In <c>auto</c> mode they do while no real provider is live: none delivered within
/// <see cref="ScraperOptions.FallbackAfter"/> of start, or a provider's next valid quote is more than
/// <c>FallbackAfter</c> overdue past its interval. The decision is time-based only, so a provider that hangs,
/// is refused, or is rate limited all lead to the same fallback; with every real provider off it is immediate.
/// In the fallback the replay of real history plays its coins, and the simulated market only the coins it lacks.
/// </summary>
public sealed class SourceSupervisor
{
    private readonly Dictionary<string, SourceState> _states;
    private readonly IReadOnlyDictionary<string, string> _disabled;
    private readonly SourceMode _simulatedMode;
    private readonly SourceMode _replayMode;
    private readonly TaskCompletionSource<IReadOnlySet<string>> _replayed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _fallbackAfter;
    private readonly DateTimeOffset _startedAt;
    private readonly TimeProvider _time;
    private readonly ILogger<SourceSupervisor> _logger;
    private readonly Lock _gate = new();
    private bool? _fallback;

    public SourceSupervisor(IEnumerable<IMarketSource> sources, IOptions<ScraperOptions> options, TimeProvider time, ILogger<SourceSupervisor> logger)
    {
        var all = sources.ToList();
        _states = all.Where(s => s.DisabledReason is null).ToDictionary(s => s.Name, s => new SourceState(s.Name, s.ExpectedInterval));
        _disabled = all.Where(s => s.DisabledReason is not null).ToDictionary(s => s.Name, s => s.DisabledReason!);
        _simulatedMode = options.Value.Simulated.Mode;
        _replayMode = options.Value.Replay.Mode;
        if (_replayMode == SourceMode.Off) _replayed.SetResult(new HashSet<string>());
        _fallbackAfter = options.Value.FallbackAfter;
        _time = time;
        _logger = logger;
        _startedAt = time.GetUtcNow();
    }

    public IReadOnlyCollection<SourceState> Sources => _states.Values;

    /// <summary>Real providers that are off, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Disabled => _disabled;

    public SourceMode SimulatedMode => _simulatedMode;

    public SourceMode ReplayMode => _replayMode;

    /// <summary>The coins the replay has history for, once it has loaded it (empty while it has not, or is off).</summary>
    public IReadOnlySet<string> Replayed => _replayed.Task.IsCompleted ? _replayed.Task.Result : new HashSet<string>();

    /// <summary>Completes once the replay has loaded its history, failed to, or is off: until then nobody knows which coins it plays.</summary>
    public Task ReplaySettled => _replayed.Task;

    /// <summary>True while the offline sources stand in for the real providers (auto mode only).</summary>
    public bool FallbackActive { get { lock (_gate) return _fallback == true; } }

    public SourceState? StateOf(string name) => _states.GetValueOrDefault(name);

    /// <summary>
    /// Whether the real provider <paramref name="name"/> runs and its last valid quote is not overdue (within its interval
    /// and <see cref="ScraperOptions.FallbackAfter"/>): the same test as the fallback's, minus the grace before a first quote.
    /// </summary>
    public bool IsDelivering(string name) =>
        _states.GetValueOrDefault(name) is { LastSuccess: not null } state && IsLive(state, _time.GetUtcNow());

    /// <summary>Told by the replay when its history is loaded; no symbols when it could not be.</summary>
    public void ReplayReady(IEnumerable<string> symbols) => _replayed.TrySetResult(symbols.ToHashSet(StringComparer.Ordinal));

    /// <summary>Asked by the replay before each tick.</summary>
    public bool ShouldReplay() => _replayMode switch
    {
        SourceMode.On => true,
        SourceMode.Off => false,
        _ => FallbackNeeded(),
    };

    /// <summary>Asked by the simulated market before each tick.</summary>
    public bool ShouldSimulate() => _simulatedMode switch
    {
        SourceMode.On => true,
        SourceMode.Off => false,
        _ => FallbackNeeded(),
    };

    /// <summary>
    /// Whether the simulated market in <c>auto</c> mode leaves <paramref name="symbol"/> to the replay: real history
    /// beats an invented path. Forced on, it simulates every coin.
    /// </summary>
    public bool LeftToReplay(string symbol) =>
        _simulatedMode == SourceMode.Auto && _replayMode != SourceMode.Off && Replayed.Contains(symbol);

    /// <summary>What stands in for the real providers, for logs and <c>/health</c>.</summary>
    public string FallbackDescription => (_replayMode != SourceMode.Off && Replayed.Count > 0, _simulatedMode != SourceMode.Off) switch
    {
        (true, true) => "replay + simulated",
        (true, false) => "replay",
        (false, true) => "simulated",
        _ => "none",
    };

    /// <summary>Logs each change of the answer once.</summary>
    private bool FallbackNeeded()
    {
        var now = _time.GetUtcNow();
        var live = _states.Values.Where(s => IsLive(s, now)).Select(s => s.Name).ToList();
        var fallback = live.Count == 0;
        lock (_gate)
        {
            if (_fallback == fallback) return fallback;
            var first = _fallback is null;
            _fallback = fallback;
            if (fallback)
            {
                ScraperLog.FallbackOn(_logger, FallbackDescription,
                    _states.Count == 0 ? "no real provider is enabled" : $"no real provider delivered a valid quote within {_fallbackAfter}");
            }
            else if (!first)
            {
                ScraperLog.FallbackOff(_logger, string.Join(", ", live));
            }
        }

        return fallback;
    }

    private bool IsLive(SourceState state, DateTimeOffset now) =>
        state.LastSuccess is { } last
            ? now < last + state.Interval + _fallbackAfter
            : now < _startedAt + _fallbackAfter;
}
