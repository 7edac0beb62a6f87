using System.Diagnostics.Metrics;
using System.Globalization;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>The state of the backfill, written by its run and read by the status endpoint, <c>/health</c> and metrics.</summary>
public sealed class BackfillProgress
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private string _state = BackfillStatus.Waiting;
    private int _total;
    private int _done;
    private int _failed;
    private TimeSpan _filled;
    private long _candles;
    private DateTime? _startedAt;
    private DateTime? _finishedAt;
    private string? _error;

    public BackfillProgress(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(ScraperTelemetry.Name);
        Candles = meter.CreateCounter<long>("cryptoviz.scraper.backfill.candles", "{candle}", "History candles published to crypto-candles, by source");
        meter.CreateObservableGauge("cryptoviz.scraper.backfill.series", () =>
        {
            lock (_gate)
            {
                return new Measurement<int>[]
                {
                    new(_done, new KeyValuePair<string, object?>("state", "done")),
                    new(_failed, new KeyValuePair<string, object?>("state", "failed")),
                    new(_total - _done - _failed, new KeyValuePair<string, object?>("state", "remaining")),
                };
            }
        }, "{series}", "Series of the current (or last) backfill run, by state");
    }

    public Counter<long> Candles { get; }

    public void Off() => Set(BackfillStatus.Off);

    public void Begin(int series)
    {
        lock (_gate)
        {
            (_state, _total, _done, _failed, _filled, _candles) = (BackfillStatus.Running, series, 0, 0, TimeSpan.Zero, 0);
            (_startedAt, _finishedAt, _error) = (_time.GetUtcNow().UtcDateTime, null, null);
        }
    }

    public void Page(string source, DateTime from, DateTime to, int candles)
    {
        Candles.Add(candles, new KeyValuePair<string, object?>("source", source));
        lock (_gate)
        {
            _filled += to - from;
            _candles += candles;
        }
    }

    public void SeriesDone()
    {
        lock (_gate) _done++;
    }

    public void SeriesFailed(string error)
    {
        lock (_gate)
        {
            _failed++;
            _error = error;
        }
    }

    /// <summary>The run ended: complete, or failed if a series could not be filled.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _state = _failed > 0 ? BackfillStatus.Failed : BackfillStatus.Complete;
            _finishedAt = _time.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>The run could not start (Ingest unreachable): nothing was asked of any provider.</summary>
    public void Abort(string error)
    {
        lock (_gate)
        {
            (_state, _total, _done, _failed, _error) = (BackfillStatus.Failed, 0, 0, 0, error);
            _finishedAt = _time.GetUtcNow().UtcDateTime;
        }
    }

    public BackfillStatus Snapshot()
    {
        lock (_gate)
        {
            var days = _total == 0 ? 0 : Math.Round(_filled.TotalDays / _total, 1);
            return new BackfillStatus(_state, _total, _done, _failed, days, _candles, _startedAt, _finishedAt, _error, Summary(days));
        }
    }

    private string Summary(double days) => _state switch
    {
        BackfillStatus.Off => "backfill off",
        BackfillStatus.Waiting => "waiting for live series",
        BackfillStatus.Running => string.Create(CultureInfo.InvariantCulture, $"backfilling {_done + _failed}/{_total} series, {days:0.0} days"),
        BackfillStatus.Complete when _total == 0 => "history complete: nothing missing",
        BackfillStatus.Complete => string.Create(CultureInfo.InvariantCulture, $"history complete: {_total} series filled, {days:0.0} days each"),
        _ when _total == 0 => $"backfill could not start: {_error}",
        _ => string.Create(CultureInfo.InvariantCulture, $"backfill failed for {_failed} of {_total} series: {_error}"),
    };

    private void Set(string state)
    {
        lock (_gate) _state = state;
    }
}
