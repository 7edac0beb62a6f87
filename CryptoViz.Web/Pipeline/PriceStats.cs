using CryptoViz.Web.Clients;

namespace CryptoViz.Web.Pipeline;

/// <summary>V2's per-coin statistics of the stored prices in the filtered range, one row per coin and source (never mixed).</summary>
/// <param name="Std">Sample standard deviation, as pandas' <c>std()</c> in V2; null for a single price.</param>
public sealed record PriceStats(string Symbol, string Source, int Count, double Mean, double Min, double Max, double? Std)
{
    /// <summary>Rows ordered as the coins are, then by source.</summary>
    public static IReadOnlyList<PriceStats> From(IEnumerable<CoinActivity> activity, IReadOnlySet<string> sources) =>
    [
        .. activity.Where(a => a.Ticks is not null).SelectMany(a => a.Ticks!
            .Where(t => sources.Contains(t.Source))
            .GroupBy(t => t.Source)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Of(a.Symbol, g.Key, [.. g.Select(t => t.Price)]))),
    ];

    private static PriceStats Of(string symbol, string source, double[] prices)
    {
        var mean = prices.Average();
        double? std = prices.Length < 2 ? null : Math.Sqrt(prices.Sum(p => (p - mean) * (p - mean)) / (prices.Length - 1));
        return new PriceStats(symbol, source, prices.Length, mean, prices.Min(), prices.Max(), std);
    }
}
