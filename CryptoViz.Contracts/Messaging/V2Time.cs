using System.Globalization;

namespace CryptoViz.Contracts.Messaging;

/// <summary>
/// V2's two time shapes. Both are UTC wall-clock times without a zone marker: the scraper's
/// <c>YYYY-MM-DD HH:MM:SS</c> and Python's <c>isoformat()</c>, which drops the fraction when it is zero.
/// Readers also accept a zone (converted to UTC) so that other producers are not rejected for it.
/// Every record carries two of these, so V2's exact shapes are read and written digit by digit
/// (about a tenth of the general parser's and custom format's cost); anything else takes the general parser.
/// </summary>
public static class V2Time
{
    /// <summary>Bytes enough for either shape: <c>yyyy-MM-ddTHH:mm:ss.ffffff</c>.</summary>
    public const int MaxLength = 26;

    private const int ShapeLength = 19;

    public static string FormatScrape(DateTime utc)
    {
        Span<byte> utf8 = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(utf8[..FormatScrape(utc, utf8)]);
    }

    public static string FormatIso(DateTime utc)
    {
        Span<byte> utf8 = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(utf8[..FormatIso(utc, utf8)]);
    }

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c> into <paramref name="utf8"/> (at least <see cref="MaxLength"/> bytes).</summary>
    /// <returns>The bytes written.</returns>
    public static int FormatScrape(DateTime utc, Span<byte> utf8) => WriteShape(utc, (byte)' ', utf8);

    /// <summary><c>yyyy-MM-ddTHH:mm:ss</c>, plus <c>.ffffff</c> when the time is not a whole second.</summary>
    /// <returns>The bytes written.</returns>
    public static int FormatIso(DateTime utc, Span<byte> utf8)
    {
        var length = WriteShape(utc, (byte)'T', utf8);
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        if (fraction == 0) return length;
        utf8[length] = (byte)'.';
        WriteDigits(utf8.Slice(length + 1, 6), fraction / 10);
        return length + 7;
    }

    public static bool TryParse(string? text, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces,
                out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    /// <summary>
    /// V2's own shapes only: <c>yyyy-MM-dd</c>, a space or <c>T</c>, <c>HH:mm:ss</c>, an optional fraction of up to
    /// seven digits, no zone. False for anything else, which <see cref="TryParse"/> may still read.
    /// </summary>
    public static bool TryParseExact(ReadOnlySpan<byte> utf8, out DateTime utc)
    {
        utc = default;
        if (utf8.Length < ShapeLength || utf8.Length is ShapeLength + 1 or > ShapeLength + 8) return false;
        if (utf8[4] != '-' || utf8[7] != '-' || utf8[10] is not ((byte)' ' or (byte)'T') || utf8[13] != ':' || utf8[16] != ':')
            return false;
        if (!TryDigits(utf8[..4], out var year) || !TryDigits(utf8.Slice(5, 2), out var month) || !TryDigits(utf8.Slice(8, 2), out var day)
            || !TryDigits(utf8.Slice(11, 2), out var hour) || !TryDigits(utf8.Slice(14, 2), out var minute)
            || !TryDigits(utf8.Slice(17, 2), out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;

        long fraction = 0;
        if (utf8.Length > ShapeLength)
        {
            var digits = utf8[(ShapeLength + 1)..];
            if (utf8[ShapeLength] != '.' || !TryDigits(digits, out var value)) return false;
            fraction = value;
            for (var i = digits.Length; i < 7; i++) fraction *= 10;
        }

        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction);
        return true;
    }

    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);

    private static int WriteShape(DateTime utc, byte separator, Span<byte> utf8)
    {
        var (year, month, day) = utc;
        WriteDigits(utf8[..4], year);
        utf8[4] = (byte)'-';
        WriteDigits(utf8.Slice(5, 2), month);
        utf8[7] = (byte)'-';
        WriteDigits(utf8.Slice(8, 2), day);
        utf8[10] = separator;
        WriteDigits(utf8.Slice(11, 2), utc.Hour);
        utf8[13] = (byte)':';
        WriteDigits(utf8.Slice(14, 2), utc.Minute);
        utf8[16] = (byte)':';
        WriteDigits(utf8.Slice(17, 2), utc.Second);
        return ShapeLength;
    }

    private static void WriteDigits(Span<byte> destination, long value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9) return false;
            value = value * 10 + (int)digit;
        }

        return true;
    }
}
