using CryptoViz.Contracts.Klines;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>One coin's bars, in time order, and the price at any instant of their span.</summary>
public sealed class ReplaySeries
{
    private static readonly TimeSpan s_bar = TimeSpan.FromMinutes(1);
    private readonly Kline[] _bars;

    public ReplaySeries(string symbol, IEnumerable<Kline> bars)
    {
        Symbol = symbol;
        _bars = [.. bars.OrderBy(b => b.OpenTime)];
        if (_bars.Length == 0) throw new ArgumentException($"{symbol}: no bars", nameof(bars));
    }

    /// <summary>The coin, e.g. <c>BTC</c>.</summary>
    public string Symbol { get; }

    public DateTimeOffset Start => _bars[0].OpenTime;

    public DateTimeOffset End => _bars[^1].OpenTime + s_bar;

    public int Count => _bars.Length;

    /// <summary>How much the price grew from the first bar's open to the last one's close: one loop's change in level.</summary>
    public double LoopGrowth => _bars[^1].Close / _bars[0].Open;

    /// <summary>The price at <paramref name="time"/> along its bar's path, or null in a gap (an exchange outage) or outside the span.</summary>
    public double? PriceAt(DateTimeOffset time) => BarAt(time) is { } bar ? BarPath.PriceAt(bar, time) : null;

    /// <summary>The bar that holds <paramref name="time"/>, or null in a gap or outside the span.</summary>
    public Kline? BarAt(DateTimeOffset time) => IndexOf(time) is var index and >= 0 ? _bars[index] : null;

    private int IndexOf(DateTimeOffset time)
    {
        // Contiguous history puts the bar at its minute's offset; after a gap, search.
        var guess = (int)Math.Floor((time - Start) / s_bar);
        if ((uint)guess < (uint)_bars.Length && Contains(_bars[guess], time)) return guess;

        int low = 0, high = _bars.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (Contains(_bars[mid], time)) return mid;
            if (_bars[mid].OpenTime < time) low = mid + 1;
            else high = mid - 1;
        }

        return -1;
    }

    private static bool Contains(in Kline bar, DateTimeOffset time) => time >= bar.OpenTime && time < bar.OpenTime + s_bar;
}
