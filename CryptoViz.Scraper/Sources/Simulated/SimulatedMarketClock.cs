namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>
/// When the live simulated market opened (every coin at its start price), so that its generated past
/// (<see cref="SimulatedHistorySource"/>) can end where the present began.
/// </summary>
public sealed class SimulatedMarketClock
{
    private long _openedAt;

    /// <summary>Null until the market's first tick.</summary>
    public DateTimeOffset? OpenedAt => Interlocked.Read(ref _openedAt) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    internal void Opened(DateTimeOffset at) => Interlocked.CompareExchange(ref _openedAt, at.UtcTicks, 0);
}
