using CryptoViz.Web.Clients;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Forecasts;

/// <summary>Groups Ingest's model scores into the leaderboard the models page shows.</summary>
public static class Leaderboard
{
    /// <summary>
    /// One group per (symbol, source, horizon) that passes the filters, ordered by symbol, source and horizon; inside a
    /// group the lowest MASE first, unscored models last.
    /// </summary>
    /// <param name="symbol">Null: every coin.</param>
    /// <param name="horizonMinutes">Null: every horizon.</param>
    public static IReadOnlyList<LeaderboardGroup> Groups(IEnumerable<ModelScore> scores, string? symbol, int? horizonMinutes) =>
    [
        .. scores
            .Where(s => (symbol is null || s.Symbol == symbol) && (horizonMinutes is null || s.HorizonMinutes == horizonMinutes))
            .GroupBy(s => (s.Symbol, s.Source, s.HorizonMinutes))
            .OrderBy(g => g.Key.Symbol, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Source, StringComparer.Ordinal)
            .ThenBy(g => g.Key.HorizonMinutes)
            .Select(g => new LeaderboardGroup(g.Key.Source, g.Key.Symbol, g.Key.HorizonMinutes,
                [.. g.OrderBy(s => s.Mase ?? double.MaxValue).ThenBy(s => s.Model, StringComparer.Ordinal)])),
    ];

    public static IReadOnlyList<string> Symbols(IEnumerable<ModelScore> scores) =>
        [.. scores.Select(s => s.Symbol).Distinct().Order(StringComparer.Ordinal)];

    public static IReadOnlyList<int> Horizons(IEnumerable<ModelScore> scores) =>
        [.. scores.Select(s => s.HorizonMinutes).Distinct().Order()];
}
