using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources;

/// <summary>
/// Knows which real providers run and when each last delivered a valid quote, and decides whether the simulated
/// market publishes. In <c>auto</c> mode it does while no real provider is live: none delivered within
/// <see cref="ScraperOptions.FallbackAfter"/> of start, or a provider's next valid quote is more than
/// <c>FallbackAfter</c> overdue past its interval. The decision is time-based only, so a provider that hangs,
/// is refused, or is rate limited all lead to the same fallback; with every real provider off it is immediate.
/// </summary>
public sealed class SourceSupervisor
{
    private readonly Dictionary<string, SourceState> _states;
    private readonly IReadOnlyDictionary<string, string> _disabled;
    private readonly SourceMode _simulatedMode;
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
        _fallbackAfter = options.Value.FallbackAfter;
        _time = time;
        _logger = logger;
        _startedAt = time.GetUtcNow();
    }

    public IReadOnlyCollection<SourceState> Sources => _states.Values;

    /// <summary>Real providers that are off, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Disabled => _disabled;

    public SourceMode SimulatedMode => _simulatedMode;

    /// <summary>True while the simulated market stands in for the real providers (auto mode only).</summary>
    public bool FallbackActive { get { lock (_gate) return _fallback == true; } }

    public SourceState? StateOf(string name) => _states.GetValueOrDefault(name);

    /// <summary>Asked by the simulated market before each tick; logs each change of the answer once.</summary>
    public bool ShouldSimulate()
    {
        switch (_simulatedMode)
        {
            case SourceMode.On: return true;
            case SourceMode.Off: return false;
        }

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
                ScraperTrace.FallbackOn(_logger, _states.Count == 0 ? "no real provider is enabled" : $"no real provider delivered a valid quote within {_fallbackAfter}");
            }
            else if (!first)
            {
                ScraperTrace.FallbackOff(_logger, string.Join(", ", live));
            }
        }

        return fallback;
    }

    private bool IsLive(SourceState state, DateTimeOffset now) =>
        state.LastSuccess is { } last
            ? now < last + state.Interval + _fallbackAfter
            : now < _startedAt + _fallbackAfter;
}
