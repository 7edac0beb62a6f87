using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>What a series lacks: the window minus what Ingest has, in minute-aligned ranges no shorter than the minimum gap.</summary>
public static class BackfillPlan
{
    /// <param name="covered">The series' stored ranges, in any order.</param>
    public static IReadOnlyList<(DateTime From, DateTime To)> Missing(
        IEnumerable<CoveredRange> covered, DateTime from, DateTime to, TimeSpan minGap)
    {
        from = UtcMinute.Floor(from);
        to = UtcMinute.Floor(to);
        var missing = new List<(DateTime, DateTime)>();
        var cursor = from;
        foreach (var range in covered.OrderBy(r => r.From))
        {
            if (range.To <= cursor) continue;
            if (range.From >= to) break;
            Add(missing, cursor, UtcMinute.Floor(range.From), minGap);
            cursor = UtcMinute.Ceiling(range.To);
        }

        Add(missing, cursor, to, minGap);
        return missing;
    }

    private static void Add(List<(DateTime, DateTime)> missing, DateTime from, DateTime to, TimeSpan minGap)
    {
        if (to > from && to - from >= minGap) missing.Add((from, to));
    }
}
