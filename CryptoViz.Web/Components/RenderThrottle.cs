namespace CryptoViz.Web.Components;

/// <summary>
/// Coalesces change notifications from any thread into at most one callback per interval: at 100 coins
/// times 10 updates/s, rendering on every update would flood each circuit.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly Action _onTick;
    private readonly ITimer _timer;
    private int _scheduled;

    public RenderThrottle(TimeSpan interval, TimeProvider timeProvider, Action onTick)
    {
        _interval = interval;
        _onTick = onTick;
        _timer = timeProvider.CreateTimer(_ => Tick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Asks for a callback; requests made before it fires are served by the same callback.</summary>
    public void Request()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        // Cleared before the callback so that a change during it schedules the next one.
        Volatile.Write(ref _scheduled, 0);
        _onTick();
    }
}
