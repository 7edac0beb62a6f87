using System.Globalization;

namespace CryptoViz.Contracts.Klines;

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

    /// <summary>Columns 1 to 5 are open, high, low, close and volume in every CSV layout.</summary>
    public static Kline FromColumns(DateTimeOffset openTime, ReadOnlySpan<char> line, ReadOnlySpan<Range> fields) => Checked(new Kline(
        openTime,
        Parse(line[fields[1]], "open"),
        Parse(line[fields[2]], "high"),
        Parse(line[fields[3]], "low"),
        Parse(line[fields[4]], "close"),
        Parse(line[fields[5]], "volume")));

    /// <summary>Prices must be positive and finite, volumes finite and not negative.</summary>
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

        if (kline.QuoteVolume is { } quoteVolume && (!double.IsFinite(quoteVolume) || quoteVolume < 0))
        {
            throw new FormatException("quote_volume must be a finite number not below zero");
        }

        return kline;
    }

    private static bool IsPrice(double value) => double.IsFinite(value) && value > 0;
}
