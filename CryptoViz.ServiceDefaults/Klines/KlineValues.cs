using System.Globalization;

namespace CryptoViz.ServiceDefaults.Klines;

/// <summary>Number parsing and sanity rules shared by the readers.</summary>
internal static class KlineValues
{
    public static double Parse(ReadOnlySpan<char> text, string column) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{column} '{text}' is not a number");

    public static long ParseEpoch(ReadOnlySpan<char> text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"open time '{text}' is not an epoch integer");

    /// <summary>Prices must be positive and finite, volume finite and not negative.</summary>
    public static Kline Checked(Kline kline)
    {
        if (!IsPrice(kline.Open) || !IsPrice(kline.High) || !IsPrice(kline.Low) || !IsPrice(kline.Close))
        {
            throw new FormatException("prices must be positive finite numbers");
        }

        if (!double.IsFinite(kline.Volume) || kline.Volume < 0)
        {
            throw new FormatException("volume must be a finite number not below zero");
        }

        return kline;
    }

    private static bool IsPrice(double value) => double.IsFinite(value) && value > 0;
}
