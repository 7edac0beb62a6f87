using System.Globalization;

namespace CryptoViz.Web.Pipeline;

/// <summary>A date range the user typed on the pipeline page, in UTC, checked against what Ingest's ticks query accepts.</summary>
public sealed record CustomRange(DateTime From, DateTime To)
{
    /// <summary>Ingest's limit for raw ticks (<c>QueryValidation.MaxFineRange</c>).</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(31);

    /// <summary>What a <c>datetime-local</c> input holds (with or without seconds).</summary>
    private static readonly string[] s_inputFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>Reads two <c>datetime-local</c> values as UTC.</summary>
    /// <returns>The range, or null with <paramref name="error"/> saying what to fix.</returns>
    public static CustomRange? TryParse(string? from, string? to, out string? error) => TryCreate(Parse(from), Parse(to), out error);

    /// <returns>The range, or null with <paramref name="error"/> saying what to fix.</returns>
    public static CustomRange? TryCreate(DateTime? from, DateTime? to, out string? error)
    {
        error = (from, to) switch
        {
            (null, _) or (_, null) => "Enter both dates.",
            ({ } f, { } t) when f >= t => "The start must be before the end.",
            ({ } f, { } t) when t - f > MaxSpan => "At most 31 days at a time.",
            _ => null,
        };
        return error is null ? new CustomRange(Utc(from!.Value), Utc(to!.Value)) : null;
    }

    private static DateTime? Parse(string? input) =>
        DateTime.TryParseExact(input, s_inputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
