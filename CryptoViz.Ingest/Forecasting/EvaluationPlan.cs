namespace CryptoViz.Ingest.Forecasting;

/// <summary>Which series an evaluation check starts afresh.</summary>
internal static class EvaluationPlan
{
    /// <summary>
    /// At once: a series without a walk, and one whose stored minutes in the window exceed what its walk knows of them
    /// by a quarter (history landed before the walk's end: a backfill; a trickling one costs a few walks of growing
    /// length, not one per page). Then the walks older than <paramref name="reevaluation"/>, oldest first, as many
    /// per check as spread all of them over that interval: walks started together drift apart instead of coming due
    /// together for good.
    /// </summary>
    /// <param name="stored">Observed minutes per series in the window that starts at <paramref name="windowStart"/>.</param>
    public static List<(string Symbol, string Source)> Due(
        IReadOnlyDictionary<(string Symbol, string Source), int> stored,
        IReadOnlyDictionary<(string Symbol, string Source), LiveWalk> walks,
        DateTimeOffset now,
        DateTimeOffset windowStart,
        TimeSpan reevaluation,
        TimeSpan checkEvery)
    {
        var urgent = stored
            .Where(series => !walks.TryGetValue(series.Key, out var live) || Grown(series.Value, live.Walk.ObservedSince(windowStart)))
            .Select(series => series.Key)
            .ToList();
        var share = (int)Math.Ceiling(stored.Count * (checkEvery / reevaluation));
        var stale = walks
            .Where(live => stored.ContainsKey(live.Key) && !urgent.Contains(live.Key) && now - live.Value.EvaluatedAt >= reevaluation)
            .OrderBy(live => live.Value.EvaluatedAt)
            .Take(share)
            .Select(live => live.Key);
        return [.. urgent, .. stale];
    }

    private static bool Grown(int stored, int known) => stored > known && stored * 4 >= known * 5;
}
