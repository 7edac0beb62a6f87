using CryptoViz.Contracts.Klines;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// The price inside a 1-minute bar: open → low → high → close for a rising bar, open → high → low → close for a
/// falling one (the usual assumption when only OHLC is known), at constant speed along that path, so a replay moves
/// through the bar's whole range instead of jumping from close to close; and the share of the bar's volume each tick
/// that plays it carries.
/// </summary>
public static class BarPath
{
    private static readonly TimeSpan s_bar = TimeSpan.FromMinutes(1);

    /// <summary>The price at <paramref name="time"/>, an instant within the bar.</summary>
    public static double PriceAt(in Kline bar, DateTimeOffset time) => PriceAt(bar, (time - bar.OpenTime) / s_bar);

    /// <param name="fraction">How far into the bar, 0 (open) to 1 (close).</param>
    public static double PriceAt(in Kline bar, double fraction)
    {
        var (first, second) = bar.Close >= bar.Open ? (bar.Low, bar.High) : (bar.High, bar.Low);
        ReadOnlySpan<double> points = [bar.Open, first, second, bar.Close];
        var length = Math.Abs(first - bar.Open) + Math.Abs(second - first) + Math.Abs(bar.Close - second);
        if (length <= 0) return bar.Open;

        var distance = Math.Clamp(fraction, 0, 1) * length;
        for (var i = 1; i < points.Length; i++)
        {
            var leg = Math.Abs(points[i] - points[i - 1]);
            if (distance <= leg) return points[i - 1] + Math.Sign(points[i] - points[i - 1]) * distance;
            distance -= leg;
        }

        return bar.Close;
    }

    /// <summary>
    /// The share of the bar's volume for a tick at <paramref name="time"/> when ticks come every <paramref name="step"/>
    /// of replayed time: what traded since the previous tick (from the bar's open, for its first tick), and for the bar's
    /// last tick up to its close as well. The shares of the ticks that play a bar add up to 1, so its candle gets the
    /// bar's volume whatever the speed.
    /// </summary>
    public static double VolumeShare(in Kline bar, DateTimeOffset time, TimeSpan step)
    {
        var end = bar.OpenTime + s_bar;
        var from = time - step > bar.OpenTime ? time - step : bar.OpenTime;
        var to = time + step >= end ? end : time;
        return Math.Clamp((to - from) / s_bar, 0, 1);
    }
}
