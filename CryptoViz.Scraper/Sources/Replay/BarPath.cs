using CryptoViz.ServiceDefaults.Klines;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// The price inside a 1-minute bar: open → low → high → close for a rising bar, open → high → low → close for a
/// falling one (the usual assumption when only OHLC is known), at constant speed along that path, so a replay moves
/// through the bar's whole range instead of jumping from close to close.
/// </summary>
public static class BarPath
{
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
}
