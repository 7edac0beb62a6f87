using System.Globalization;

namespace CryptoViz.ServiceDefaults.Klines;

/// <summary>A Bybit export row: <c>2025-05-29 17:05:00+00:00,open,high,low,close,volume</c>.</summary>
internal static class BybitKlineCsv
{
    public const string HeaderStart = "timestamp,";
    private const int Columns = 6;
    private const string TimeFormat = "yyyy-MM-dd HH:mm:sszzz";

    public static Kline ParseRow(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[Columns + 1];
        if (line.Split(fields, ',') != Columns)
        {
            throw new FormatException($"expected {Columns} comma-separated columns");
        }

        var time = line[fields[0]];
        if (!DateTimeOffset.TryParseExact(time, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var openTime))
        {
            throw new FormatException($"timestamp '{time}' is not {TimeFormat}");
        }

        return KlineValues.Checked(new Kline(
            openTime.ToUniversalTime(),
            KlineValues.Parse(line[fields[1]], "open"),
            KlineValues.Parse(line[fields[2]], "high"),
            KlineValues.Parse(line[fields[3]], "low"),
            KlineValues.Parse(line[fields[4]], "close"),
            KlineValues.Parse(line[fields[5]], "volume")));
    }
}
