using System.Globalization;

namespace CryptoViz.Contracts.Klines;

/// <summary>
/// A Bybit export row: <c>2025-05-29 17:05:00+00:00,open,high,low,close,volume</c>. Other ISO-8601 spellings
/// (<c>T</c>, <c>Z</c>) and the API's own epoch milliseconds are read too; a time without offset is UTC.
/// </summary>
internal static class BybitKlineCsv
{
    public const string HeaderStart = "timestamp,";
    private const int Columns = 6;

    public static Kline ParseRow(ReadOnlySpan<char> line)
    {
        Span<Range> fields = stackalloc Range[Columns + 1];
        KlineCsv.Split(line, fields, Columns);
        return KlineValues.FromColumns(ParseTime(line[fields[0]]), line, fields);
    }

    private static DateTimeOffset ParseTime(ReadOnlySpan<char> time) =>
        time.Length > 0 && !time.ContainsAnyExceptInRange('0', '9')
            ? KlineTime.FromEpoch(KlineValues.ParseEpoch(time))
            : DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed.ToUniversalTime()
                : throw new FormatException($"timestamp '{time}' is neither ISO-8601 nor epoch milliseconds");
}
