using System.Globalization;

namespace CryptoViz.Web.Markets;

/// <summary>An SVG polyline of closes, scaled to fill a <see cref="Width"/> × <see cref="Height"/> view box.</summary>
public static class Sparkline
{
    public const int Width = 100;
    public const int Height = 28;

    /// <summary>The <c>points</c> attribute; empty when fewer than two closes can draw a line.</summary>
    public static string Points(IReadOnlyList<double> closes)
    {
        if (closes.Count < 2)
        {
            return "";
        }

        var (min, max) = (closes.Min(), closes.Max());
        var span = max - min;
        // One pixel of margin so the stroke isn't clipped; a flat series sits in the middle.
        return string.Join(' ', closes.Select((close, i) =>
        {
            var x = i * (double)Width / (closes.Count - 1);
            var y = span == 0 ? Height / 2.0 : 1 + (max - close) / span * (Height - 2);
            return x.ToString("0.#", CultureInfo.InvariantCulture) + "," + y.ToString("0.#", CultureInfo.InvariantCulture);
        }));
    }
}
