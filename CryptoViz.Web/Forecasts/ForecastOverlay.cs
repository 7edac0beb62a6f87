using CryptoViz.Contracts.Messaging;
using CryptoViz.Web.Clients;
using CryptoViz.Web.Components.Charts;
using CryptoViz.Web.Markets;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Forecasts;

/// <summary>Turns served forecasts and anomalies of one (symbol, source) into what the coin page shows.</summary>
public static class ForecastOverlay
{
    /// <summary>
    /// One row per horizon, shortest first: Ingest's answer at page load and the live messages since, the one with the
    /// later origin winning (a page left open keeps up without asking Ingest again).
    /// </summary>
    public static IReadOnlyList<ForecastRow> Merge(IEnumerable<ServedForecast> stored, IEnumerable<Prediction> live, string symbol, string source)
    {
        var rows = new Dictionary<int, ForecastRow>();
        foreach (var f in stored.Where(f => f.Symbol == symbol && f.Source == source))
        {
            Keep(rows, new ForecastRow(f.HorizonMinutes, f.Model, f.OriginTime, f.TargetTime, f.Last, f.Central, f.Lower, f.Upper,
                f.Mase, f.Coverage90, f.BacktestPoints));
        }

        foreach (var p in live.Where(p => p.Kind == Prediction.ForecastKind && p.Symbol == symbol && p.Source == source))
        {
            // PredictionValidator has checked these are set for a forecast.
            Keep(rows, new ForecastRow(p.HorizonMinutes!.Value, p.Model ?? "?", p.Timestamp, p.TargetTime!.Value, p.Price,
                p.Central!.Value, p.Lower!.Value, p.Upper!.Value, p.Mase, p.Coverage90, null));
        }

        return [.. rows.Values.OrderBy(r => r.HorizonMinutes)];
    }

    /// <summary>
    /// The forecast as lines on the chart's bar grid: from the last close at the origin through each horizon's target,
    /// straight between them. lightweight-charts spaces points by index, not by time, so a point per bar keeps the
    /// 4 h target four times as far out as the 1 h one; where several targets fall in one bar, the furthest wins.
    /// </summary>
    public static ForecastLines Lines(IReadOnlyList<ForecastRow> rows, long intervalSeconds)
    {
        if (rows.Count == 0 || intervalSeconds <= 0)
        {
            return ForecastLines.None;
        }

        // Every row of one merge may not share an origin (a live update per horizon): draw from the newest one.
        var origin = rows.MaxBy(r => r.OriginTime)!;
        var start = UnixTime.Seconds(origin.OriginTime);
        var anchors = rows
            .Select(r => new Anchor(UnixTime.Seconds(r.TargetTime), r.Central, r.Lower, r.Upper))
            .Where(a => a.Time > start)
            .OrderBy(a => a.Time)
            .Prepend(new Anchor(start, origin.Last, origin.Last, origin.Last))
            .ToArray();
        var end = anchors[^1].Time;
        var first = UnixTime.Bucket(start, intervalSeconds);
        List<LinePoint> central = [], lower = [], upper = [];
        for (var bar = first; ; bar += intervalSeconds)
        {
            var at = Math.Clamp(bar, start, end);
            central.Add(new LinePoint(bar, Interpolate(anchors, at, a => a.Central)));
            lower.Add(new LinePoint(bar, Interpolate(anchors, at, a => a.Lower)));
            upper.Add(new LinePoint(bar, Interpolate(anchors, at, a => a.Upper)));
            if (bar >= end)
            {
                break;
            }
        }

        return new ForecastLines(central, lower, upper);
    }

    /// <summary>The anomalies of one (symbol, source) as flags on their bars, the newest reason per bar.</summary>
    public static IReadOnlyList<ChartMarker> Markers(IEnumerable<Prediction> anomalies, string symbol, string source, long intervalSeconds) =>
    [
        .. anomalies
            .Where(a => a.Kind == Prediction.AnomalyKind && a.Symbol == symbol && a.Source == source)
            .GroupBy(a => UnixTime.Bucket(UnixTime.Seconds(a.Timestamp), Math.Max(1, intervalSeconds)))
            .OrderBy(g => g.Key)
            .Select(g => new ChartMarker(g.Key, g.MaxBy(a => a.Timestamp)!.Reason ?? "anomaly")),
    ];

    private static void Keep(Dictionary<int, ForecastRow> rows, ForecastRow row)
    {
        if (!rows.TryGetValue(row.HorizonMinutes, out var held) || held.OriginTime <= row.OriginTime)
        {
            rows[row.HorizonMinutes] = row;
        }
    }

    private static double Interpolate(Anchor[] anchors, long at, Func<Anchor, double> value)
    {
        var next = Array.FindIndex(anchors, a => a.Time >= at);
        if (next <= 0)
        {
            return value(anchors[Math.Max(next, 0)]);
        }

        var (a, b) = (anchors[next - 1], anchors[next]);
        return value(a) + (value(b) - value(a)) * (at - a.Time) / (b.Time - a.Time);
    }

    private readonly record struct Anchor(long Time, double Central, double Lower, double Upper);
}
