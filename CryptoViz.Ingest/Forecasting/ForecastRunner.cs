using System.Diagnostics;
using CryptoViz.Ingest.Anomalies;
using CryptoViz.Ingest.Model;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Ingest.Forecasting;

/// <summary>
/// Keeps a walk-forward backtest (<see cref="ForecastWalk"/>) per (symbol, source) over its stored 1-minute closes.
/// Starting a walk afresh (an evaluation: every origin of the window walked, the boosted trees fitted) is the expensive
/// part and runs when <see cref="EvaluationPlan"/> says; every run first continues the walks over the minutes closed
/// since, which is what a walk over the longer window would have done. A late tick in a minute already read waits for
/// its series' next evaluation. Runs are one at a time, so the walks and the <see cref="AnomalyWatch"/> need no lock.
/// </summary>
public sealed class ForecastRunner(
    SeriesQueries queries,
    ForecastBook book,
    PredictionPublisher publisher,
    AnomalyWatch anomalies,
    IOptions<ForecastingOptions> options,
    TimeProvider time,
    ILogger<ForecastRunner> logger)
{
    private readonly Dictionary<(string Symbol, string Source), LiveWalk> _walks = [];
    private readonly Dictionary<(string Symbol, string Source), LiveSeries> _results = [];
    private readonly SemaphoreSlim _oneRun = new(1, 1);
    private int _evaluatedSinceForecast;
    private TimeSpan _evaluatingSinceForecast;

    /// <summary>The forecast run: continues the walks, publishes every served forecast, checks the new ticks for anomalies.</summary>
    public Task<ForecastRunSummary> ForecastAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            var window = Window();
            await CatchUpAsync(window, cancellationToken);
            return await PublishAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The evaluation check: continues the walks, then starts afresh those of new series, of series whose stored history
    /// grew, and of series due, and publishes their served forecasts at once. Returns how many it evaluated.
    /// </summary>
    public Task<int> EvaluateDueAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            var window = Window();
            await CatchUpAsync(window, cancellationToken);
            var stored = await StoredAsync(window, cancellationToken);
            var settings = options.Value;
            var due = EvaluationPlan.Due(stored, _walks, time.GetUtcNow(), window.From, settings.Reevaluation, settings.EvaluationCheck);
            var evaluated = await EvaluateAsync(due, window, cancellationToken);
            foreach (var forecast in evaluated.SelectMany(key => book.ForSeries(key.Symbol, key.Source)))
            {
                publisher.Publish(forecast);
            }

            return evaluated.Count;
        }, cancellationToken);

    /// <summary>The operator's "evaluate models now": every series started afresh, then a forecast run.</summary>
    public Task<ForecastRunSummary> EvaluateAllAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            var window = Window();
            var stored = await StoredAsync(window, cancellationToken);
            await EvaluateAsync([.. stored.Keys], window, cancellationToken);
            return await PublishAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>One run at a time: the timers' and an operator's queue behind each other.</summary>
    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        await _oneRun.WaitAsync(cancellationToken);
        try
        {
            return await run();
        }
        finally
        {
            _oneRun.Release();
        }
    }

    /// <summary>The closed minutes of the history window: the minute in progress is not read.</summary>
    private (DateTime From, DateTime To) Window()
    {
        var to = UtcMinute.Floor(time.GetUtcNow().UtcDateTime);
        return (to - options.Value.History, to);
    }

    /// <summary>The stored minutes per series; walks and anomaly detectors of series that left the window are dropped.</summary>
    private async Task<IReadOnlyDictionary<(string Symbol, string Source), int>> StoredAsync(
        (DateTime From, DateTime To) window, CancellationToken cancellationToken)
    {
        var stored = await queries.GetMinuteCountsAsync(window.From, window.To, cancellationToken);
        var gone = _walks.Keys.Where(key => !stored.ContainsKey(key)).ToList();
        foreach (var key in gone) Drop(key);
        if (gone.Count > 0) UpdateBook();
        anomalies.Keep(stored.ContainsKey);
        return stored;
    }

    /// <summary>Appends to each walk the closed minutes stored since it was last read.</summary>
    private async Task CatchUpAsync((DateTime From, DateTime To) window, CancellationToken cancellationToken)
    {
        if (_walks.Count == 0) return;
        var from = _walks.Values.Min(live => live.ReadUntil);
        if (from >= window.To) return;
        var closes = await queries.GetMinuteClosesAsync(from < window.From ? window.From : from, window.To, cancellationToken);
        await Task.Run(() =>
        {
            foreach (var series in closes.GroupBy(close => (close.Symbol, close.Source)))
            {
                if (_walks.TryGetValue(series.Key, out var live))
                {
                    Survives(series.Key, () => live.Walk.Extend(series.Select(close => (new DateTimeOffset(close.Minute), close.Close))));
                }
            }
        }, cancellationToken);
        foreach (var live in _walks.Values) live.ReadUntil = window.To;
        RefreshAll();
    }

    /// <summary>Walks the window of each series afresh, one after another off the timer's thread, so that ingestion keeps a core.</summary>
    private async Task<List<(string Symbol, string Source)>> EvaluateAsync(
        IReadOnlyList<(string Symbol, string Source)> keys, (DateTime From, DateTime To) window, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var backtest = new WalkForwardBacktest(new BacktestSettings
        {
            OriginStep = settings.OriginStep,
            WarmupMinutes = (int)settings.Warmup.TotalMinutes,
        });
        var started = Stopwatch.GetTimestamp();
        var evaluated = new List<(string Symbol, string Source)>();
        foreach (var key in keys)
        {
            var closes = await queries.GetMinuteClosesAsync(key.Symbol, key.Source, window.From, window.To, cancellationToken);
            if (closes.Count == 0) continue;
            var series = MinuteSeries.FromCloses(
                LiveSeries.SeriesName(key.Symbol, key.Source), closes.Select(close => (new DateTimeOffset(close.Minute), close.Close)));
            ForecastWalk? walk = null;
            if (!await Task.Run(() => Survives(key, () => walk = backtest.Start(series, ForecastModels.CreateChallengers())), cancellationToken)) continue;
            _walks[key] = new LiveWalk(walk!, time.GetUtcNow(), window.To);
            // Each series shows as soon as it is evaluated: a first evaluation of every series takes a while.
            Refresh(key);
            evaluated.Add(key);
        }

        _evaluatedSinceForecast += evaluated.Count;
        _evaluatingSinceForecast += Stopwatch.GetElapsedTime(started);
        return evaluated;
    }

    /// <summary>
    /// A series whose walk fails is logged and dropped, and the others go on; it is started afresh at the next check.
    /// A walk runs the models' own code, ML.NET's trainer among them, on whatever was stored.
    /// </summary>
    private bool Survives((string Symbol, string Source) key, Action walk)
    {
        try
        {
            walk();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            IngestLog.SeriesEvaluationFailed(logger, ex, LiveSeries.SeriesName(key.Symbol, key.Source));
            Drop(key);
            UpdateBook();
            return false;
        }
    }

    private void Drop((string Symbol, string Source) key)
    {
        _walks.Remove(key);
        _results.Remove(key);
    }

    private void RefreshAll()
    {
        foreach (var key in _walks.Keys.ToList()) Read(key);
        UpdateBook();
    }

    private void Refresh((string Symbol, string Source) key)
    {
        Read(key);
        UpdateBook();
    }

    /// <summary>The walk's scores and latest forecasts, as the API and the next publish show them.</summary>
    private void Read((string Symbol, string Source) key)
    {
        BacktestResult? result = null;
        if (_walks.TryGetValue(key, out var live) && Survives(key, () => result = live.Walk.Result()))
        {
            _results[key] = new LiveSeries(key.Symbol, key.Source, result!);
        }
    }

    private void UpdateBook() =>
        book.Replace([.. _results
            .OrderBy(entry => entry.Key.Symbol, StringComparer.Ordinal)
            .ThenBy(entry => entry.Key.Source, StringComparer.Ordinal)
            .Select(entry => entry.Value)]);

    private async Task<ForecastRunSummary> PublishAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var served = book.All();
        foreach (var forecast in served)
        {
            publisher.Publish(forecast);
        }

        var flagged = await anomalies.CheckAsync(now, cancellationToken);
        IngestLog.ForecastsPublished(logger, _results.Count, served.Count, flagged, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            _evaluatedSinceForecast, _evaluatingSinceForecast.TotalMilliseconds);
        (_evaluatedSinceForecast, _evaluatingSinceForecast) = (0, TimeSpan.Zero);
        return new ForecastRunSummary(_results.Count, served.Count, flagged);
    }
}
