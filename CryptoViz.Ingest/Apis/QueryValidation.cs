using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CryptoViz.Ingest.Apis;

/// <summary>
/// Checks one request's query values and collects what is wrong, so a request learns every problem in one
/// 400 answer. Patterns end in <c>\z</c>, not <c>$</c>, which would let a trailing newline through.
/// </summary>
internal sealed partial class QueryValidation
{
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxFineRange = TimeSpan.FromDays(31);
    public static readonly TimeSpan MaxCoarseRange = TimeSpan.FromDays(366);

    public static readonly IReadOnlyDictionary<string, TimeSpan> Intervals = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["1m"] = TimeSpan.FromMinutes(1),
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["1d"] = TimeSpan.FromDays(1),
    };

    /// <summary>The buckets of <c>/api/coins/history</c>: a sparkline needs no finer grain, and 1m would be the candles' job.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> HistorySteps = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["5m"] = TimeSpan.FromMinutes(5),
        ["15m"] = TimeSpan.FromMinutes(15),
        ["30m"] = TimeSpan.FromMinutes(30),
        ["1h"] = TimeSpan.FromHours(1),
    };

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public ValidationProblem Problem() => TypedResults.ValidationProblem(_errors, title: "Invalid query");

    /// <summary>The symbol in upper case, or null (with an error) when it is not 1–20 letters or digits.</summary>
    public string? Symbol(string? value, string name = "symbol")
    {
        var symbol = value?.ToUpperInvariant();
        if (symbol is not null && SymbolPattern().IsMatch(symbol)) return symbol;
        Add(name, "A symbol is 1 to 20 letters A-Z or digits, e.g. BTC.");
        return null;
    }

    /// <summary>Null when absent; otherwise the source, or null with an error when it is not 1–40 of a-z, 0-9, '_', '-'.</summary>
    public string? OptionalSource(string? value)
    {
        if (value is null) return null;
        if (SourcePattern().IsMatch(value)) return value;
        Add("source", "A source is 1 to 40 characters a-z, 0-9, '_' or '-', e.g. coinmarketcap.");
        return null;
    }

    public TimeSpan Interval(string? value)
    {
        if (value is not null && Intervals.TryGetValue(value, out var interval)) return interval;
        Add("interval", $"The interval is one of {string.Join(", ", Intervals.Keys)}.");
        return default;
    }

    /// <summary>The value, <paramref name="defaultValue"/> when absent, or an error when it is not between 1 and <paramref name="max"/>.</summary>
    public int Count(int? value, string name, int defaultValue, int max)
    {
        if (value is null) return defaultValue;
        if (value >= 1 && value <= max) return value.Value;
        Add(name, $"The {name} is between 1 and {max}.");
        return default;
    }

    public TimeSpan HistoryStep(string? value)
    {
        if (value is not null && HistorySteps.TryGetValue(value, out var step)) return step;
        Add("step", $"The step is one of {string.Join(", ", HistorySteps.Keys)}.");
        return default;
    }

    /// <summary>
    /// [from, to) in UTC: <paramref name="to"/> defaults to now, <paramref name="from"/> to 24 h before <c>to</c>.
    /// Times without an offset are taken as UTC.
    /// </summary>
    public (DateTime From, DateTime To) Range(string? from, string? to, DateTime nowUtc, TimeSpan maxRange)
    {
        var toUtc = to is null ? nowUtc : Time(to, "to");
        var fromUtc = from is null ? toUtc - DefaultRange : Time(from, "from");
        if (!IsValid) return default;
        if (fromUtc >= toUtc)
        {
            Add("from", "from must be earlier than to.");
        }
        else if (toUtc - fromUtc > maxRange)
        {
            Add("to", $"The range from..to spans at most {maxRange.TotalDays:0} days here.");
        }

        return (fromUtc, toUtc);
    }

    private DateTime Time(string value, string name)
    {
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        Add(name, "Times are ISO-8601, e.g. 2025-09-04T18:00:00Z.");
        return default;
    }

    public void Invalid(string name, string error) => Add(name, error);

    private void Add(string name, string error) => _errors[name] = [error];

    [GeneratedRegex(@"^[A-Z0-9]{1,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SymbolPattern();

    [GeneratedRegex(@"^[a-z0-9_-]{1,40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();
}
