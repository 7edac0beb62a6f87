using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>What a series lacks: the window minus what Ingest has, in minute-aligned ranges no shorter than the minimum gap.</summary>
public static class BackfillPlan
{
    /// <param name="covered">The series' stored ranges, in any order.</param>
    public static IReadOnlyList<(DateTime From, DateTime To)> Missing(
        IEnumerable<CoveredRange> covered, DateTime from, DateTime to, TimeSpan minGap)
    {
        from = Floor(from);
        to = Floor(to);
        var missing = new List<(DateTime, DateTime)>();
        var cursor = from;
        foreach (var range in covered.OrderBy(r => r.From))
        {
            if (range.To <= cursor) continue;
            if (range.From >= to) break;
            Add(missing, cursor, Floor(range.From), minGap);
            cursor = Ceiling(range.To);
        }

        Add(missing, cursor, to, minGap);
        return missing;
    }

    private static void Add(List<(DateTime, DateTime)> missing, DateTime from, DateTime to, TimeSpan minGap)
    {
        if (to > from && to - from >= minGap) missing.Add((from, to));
    }

    private static DateTime Floor(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    private static DateTime Ceiling(DateTime t) => Floor(t) == t ? t : Floor(t).AddMinutes(1);
}
