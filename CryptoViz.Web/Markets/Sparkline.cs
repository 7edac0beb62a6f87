using System.Globalization;

namespace CryptoViz.Web.Markets;

/// <summary>An SVG polyline of closes on a time grid, scaled to fill a <see cref="Width"/> × <see cref="Height"/> view box.</summary>
public static class Sparkline
{
    public const int Width = 100;
    public const int Height = 28;

    /// <summary>
    /// The <c>points</c> attribute; empty when fewer than two closes can draw a line. A close's x is its place on the
    /// grid, so a short history sits at the right, where it happened, and the line runs straight over a gap.
    /// </summary>
    public static string Points(IReadOnlyList<double?> closes)
    {
        var drawn = closes.Select((close, i) => (Close: close, Index: i)).Where(p => p.Close is not null).ToList();
        if (drawn.Count < 2)
        {
            return "";
        }

        var (min, max) = (drawn.Min(p => p.Close!.Value), drawn.Max(p => p.Close!.Value));
        var span = max - min;
        // One pixel of margin so the stroke isn't clipped; a flat series sits in the middle.
        return string.Join(' ', drawn.Select(p =>
        {
            var x = p.Index * (double)Width / (closes.Count - 1);
            var y = span == 0 ? Height / 2.0 : 1 + (max - p.Close!.Value) / span * (Height - 2);
            return x.ToString("0.#", CultureInfo.InvariantCulture) + "," + y.ToString("0.#", CultureInfo.InvariantCulture);
        }));
    }
}
