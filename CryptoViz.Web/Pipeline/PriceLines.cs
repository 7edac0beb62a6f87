using CryptoViz.Web.Clients;
using CryptoViz.Web.Components.Charts;
using CryptoViz.Web.Markets;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Pipeline;

/// <summary>Turns stored prices into one chart line per source: sources are never mixed into one line.</summary>
public static class PriceLines
{
    private static readonly string[] s_palette = ["#0f6cbd", "#d97706", "#8764b8", "#038387", "#c239b3", "#498205"];

    /// <param name="shown">The sources to draw.</param>
    /// <param name="allSources">Every known source, in a stable order: it decides the colours.</param>
    public static IReadOnlyList<LineSeries> From(IEnumerable<Tick> ticks, IReadOnlyCollection<string> shown, IReadOnlyList<string> allSources) =>
    [
        .. ticks.GroupBy(t => t.Source)
            .Where(g => shown.Contains(g.Key))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                // Ascending and one point per second, as the chart requires; the later row of a second wins.
                var points = g.OrderBy(t => t.Timestamp)
                    .Select(t => new LinePoint(UnixTime.Seconds(t.Timestamp), t.Price))
                    .GroupBy(p => p.Time)
                    .Select(p => p.Last())
                    .ToList();
                return new LineSeries(MarketFormat.SourceName(g.Key), Color(g.Key, allSources), Precision(points), points);
            }),
    ];

    /// <summary>A source keeps its colour whichever others are shown.</summary>
    public static string Color(string source, IReadOnlyList<string> allSources)
    {
        var index = Math.Max(0, allSources.ToList().IndexOf(source));
        return s_palette[index % s_palette.Length];
    }

    private static int Precision(IReadOnlyList<LinePoint> points) =>
        points.Count == 0 ? 2 : Math.Abs(points[^1].Value) switch
        {
            >= 1 => 2,
            >= 0.01 => 4,
            _ => 8,
        };
}
