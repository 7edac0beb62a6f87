namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// What the service serves, replayed on a recorded series. Every <paramref name="reevaluateMinutes"/> a walk starts
/// afresh on the last <paramref name="windowMinutes"/> of closes (the service's re-evaluation) and goes on minute by
/// minute until the next one (its minute runs); only the forecasts made in that stretch are scored, and the stretches'
/// scores add up. The served row's selection score is then what serving that way delivered, out of sample. The first
/// window is history only.
/// </summary>
public sealed class LiveReplay(BacktestSettings settings, int windowMinutes, int reevaluateMinutes)
{
    public BacktestResult Run(MinuteSeries series, Func<IReadOnlyList<IForecastModel>> createChallengers)
    {
        var backtest = new WalkForwardBacktest(settings);
        var longest = settings.Horizons.Max();
        ScoreBoard? total = null;
        for (var evaluated = windowMinutes; evaluated < series.Length; evaluated += reevaluateMinutes)
        {
            var next = Math.Min(evaluated + reevaluateMinutes, series.Length);
            var walk = backtest.Start(
                series.Slice(evaluated - windowMinutes, windowMinutes), createChallengers(), (series.TimeAt(evaluated), series.TimeAt(next)));
            // On past the next re-evaluation by the longest horizon, so that the stretch's last forecasts reach their targets.
            walk.Extend(ObservedCloses(series, evaluated, Math.Min(next + longest + 1, series.Length)));
            walk.Result();
            if (total is null) total = walk.Board;
            else total.Add(walk.Board);
        }

        return new BacktestResult(series.Name, total?.Rows(series.Name) ?? [], []);
    }

    private static IEnumerable<(DateTimeOffset Time, double Close)> ObservedCloses(MinuteSeries series, int from, int until)
    {
        for (var t = from; t < until; t++)
        {
            if (series.Observed[t]) yield return (series.TimeAt(t), series.Closes[t]);
        }
    }
}
