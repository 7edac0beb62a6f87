namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// Where the live replay is: its tape once loaded, and which tape offset it played at which present time. The replay's
/// history (<see cref="ReplayHistorySource"/>) runs the same clock backwards, so that its past joins the live ticks.
/// </summary>
public sealed class ReplayClock
{
    private readonly Lock _gate = new();
    private (DateTimeOffset At, TimeSpan Position)? _played;

    public ReplayTape? Tape { get; private set; }

    /// <summary>The last tick the live replay published: its present time and tape offset; null before the first.</summary>
    public (DateTimeOffset At, TimeSpan Position)? Played
    {
        get { lock (_gate) return _played; }
    }

    internal void Loaded(ReplayTape tape) => Tape = tape;

    internal void Tick(DateTimeOffset at, TimeSpan position)
    {
        lock (_gate) _played = (at, position);
    }
}
