namespace CryptoViz.Scraper.Sources.Binance;

/// <summary>
/// Keeps the history's klines calls within a budget of Binance's request weight a minute. Binance counts an IP's weight
/// by the minute and reports the count so far on every response (<c>X-MBX-USED-WEIGHT-1M</c>), which includes whatever
/// else calls from the same address. Between responses each call booked here adds its own weight, so that calls booked
/// together do not all pass on one stale count. A call that would take the minute past the budget waits for the next
/// minute, when the count starts again.
/// </summary>
internal sealed class BinanceWeightPacer(int budget)
{
    /// <summary>What one <c>GET /api/v3/klines</c> of up to 1,000 klines costs.</summary>
    public const int KlinesWeight = 2;

    private readonly Lock _gate = new();
    private DateTimeOffset _minute = DateTimeOffset.MinValue;
    private int _used;

    /// <returns>Zero when the call may go now (its weight is booked), otherwise the time left to the next minute.</returns>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (_gate)
        {
            Roll(now);
            if (_used + KlinesWeight > budget) return _minute.AddMinutes(1) - now;
            _used += KlinesWeight;
            return TimeSpan.Zero;
        }
    }

    /// <summary>The weight Binance reported on a response received at <paramref name="at"/>.</summary>
    public void Observe(int usedWeight, DateTimeOffset at)
    {
        lock (_gate)
        {
            Roll(at);
            // The larger count wins: Binance's includes other callers, ours calls booked since the response left.
            if (MinuteOf(at) == _minute) _used = Math.Max(_used, usedWeight);
        }
    }

    private void Roll(DateTimeOffset now)
    {
        var minute = MinuteOf(now);
        if (minute <= _minute) return;
        _minute = minute;
        _used = 0;
    }

    private static DateTimeOffset MinuteOf(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
