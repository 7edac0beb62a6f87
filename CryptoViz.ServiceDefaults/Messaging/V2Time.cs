using System.Globalization;

namespace CryptoViz.ServiceDefaults.Messaging;

/// <summary>
/// V2's two time shapes. Both are UTC wall-clock times without a zone marker: the scraper's
/// <c>YYYY-MM-DD HH:MM:SS</c> and Python's <c>isoformat()</c>, which drops the fraction when it is zero.
/// Readers also accept a zone (converted to UTC) so that other producers are not rejected for it.
/// </summary>
public static class V2Time
{
    private const string ScrapeFormat = "yyyy-MM-dd HH:mm:ss";

    public static string FormatScrape(DateTime utc) => utc.ToString(ScrapeFormat, CultureInfo.InvariantCulture);

    public static string FormatIso(DateTime utc) =>
        utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-ddTHH:mm:ss.ffffff",
            CultureInfo.InvariantCulture);

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

    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % (TimeSpan.TicksPerMillisecond / 1000), DateTimeKind.Utc);
}
