using System.Diagnostics;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Backfill;

/// <summary>
/// Fills the gaps of every live series from its source's history: on start (once series are live), whenever the live
/// series change (a fallback begins or ends), every <see cref="BackfillOptions.RecheckInterval"/>, and on the
/// <c>backfill</c> command. Each run asks Ingest what it has within <see cref="BackfillOptions.Depth"/>, asks the sources
/// only for the rest, and publishes their pages to <c>crypto-candles</c>. Sources run side by side (each paces itself
/// within its provider's limits), their series one after another. Nothing is remembered here: a page lost on the way, or
/// a run cut short, leaves a gap that the next run finds.
/// </summary>
public sealed class BackfillService(
    IEnumerable<IHistorySource> sources,
    IngestCoverageClient ingest,
    HistoryPublisher publisher,
    BackfillProgress progress,
    IOptions<BackfillOptions> options,
    IOptions<ScraperOptions> scraper,
    TimeProvider time,
    ILogger<BackfillService> logger) : BackgroundService
{
    /// <summary>How soon a run that could not reach Ingest is tried again.</summary>
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _requested = new(0, 1);

    /// <summary>Asks for a run now (the <c>backfill</c> command); one already waiting absorbs the request.</summary>
    public void RequestRun()
    {
        try
        {
            _requested.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            progress.Off();
            ScraperLog.BackfillOff(logger);
            return;
        }

        string? ranFor = null;
        string? seen = null;
        var nextRun = DateTimeOffset.MinValue;
        var requested = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var live = Live();
                var key = string.Join(',', live.Select(l => MessageKey.For(l.Series.Symbol, l.Source.Name)));
                // Sources go live within moments of each other (a fallback starts replay and simulated together): a run
                // waits until the live series have held for one poll, so that it fills them all at once.
                var settled = key == seen;
                seen = key;
                if (live.Count > 0 && settled && (requested || key != ranFor || time.GetUtcNow() >= nextRun))
                {
                    ranFor = key;
                    nextRun = time.GetUtcNow() + (await RunAsync(live, stoppingToken).ConfigureAwait(false) ? settings.RecheckInterval : s_retry);
                }

                requested = await WaitAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false) || (requested && !settled);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<(IHistorySource Source, HistorySeries Series)> Live() =>
        [.. sources.SelectMany(source => source.Series.Select(series => (source, series)))];

    /// <returns>True when the run reached Ingest (whatever the providers did).</returns>
    internal async Task<bool> RunAsync(IReadOnlyList<(IHistorySource Source, HistorySeries Series)> live, CancellationToken cancellationToken)
    {
        using var activity = ScraperTelemetry.Source.StartActivity("backfill");
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var from = now - settings.Depth;
        IReadOnlyList<CoveredRange> covered;
        try
        {
            covered = await ingest.GetCoverageAsync(from, settings.MinGap, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException
                                   && !cancellationToken.IsCancellationRequested)
        {
            progress.Abort($"Ingest unreachable: {ex.Message}");
            ScraperLog.BackfillIngestUnreachable(logger, s_retry, ex.Message);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            return false;
        }

        var bySeries = covered.ToLookup(r => (r.Symbol, r.Source));
        var plan = live
            .Select(l => (l.Source, l.Series, Missing: BackfillPlan.Missing(bySeries[(l.Series.Symbol, l.Source.Name)], from, now, settings.MinGap)))
            .Where(p => p.Missing.Count > 0)
            .ToList();
        activity?.SetTag("cryptoviz.backfill.series", plan.Count);
        progress.Begin(plan.Count);
        if (plan.Count == 0)
        {
            progress.Finish();
            ScraperLog.BackfillNothingMissing(logger, live.Count);
            return true;
        }

        var started = time.GetTimestamp();
        var missingDays = plan.Sum(p => p.Missing.Sum(m => (m.To - m.From).TotalDays));
        ScraperLog.BackfillStarted(logger, plan.Count, missingDays, settings.Depth, string.Join(", ", plan.Select(p => p.Source.Name).Distinct()));
        await Task.WhenAll(plan.GroupBy(p => p.Source).Select(group =>
            FillAsync(group.Key, [.. group.Select(p => (p.Series, p.Missing))], plan.Count, cancellationToken))).ConfigureAwait(false);
        progress.Finish();
        var status = progress.Snapshot();
        ScraperLog.BackfillFinished(logger, status.Summary, status.Candles, time.GetElapsedTime(started));
        return true;
    }

    private async Task FillAsync(IHistorySource source, IReadOnlyList<(HistorySeries Series, IReadOnlyList<(DateTime From, DateTime To)> Missing)> work,
        int total, CancellationToken cancellationToken)
    {
        var producerId = scraper.Value.ProducerId;
        string? refused = null;
        foreach (var (series, missing) in work)
        {
            if (refused is not null)
            {
                progress.SeriesFailed(refused);
                ScraperLog.BackfillSeriesFailed(logger, series.Symbol, source.Name, refused);
                continue;
            }

            long candles = 0;
            try
            {
                foreach (var (from, to) in missing)
                {
                    await foreach (var page in source.FetchAsync(series, from, to, cancellationToken).ConfigureAwait(false))
                    {
                        var published = await publisher.PublishAsync(new CandleBatch
                        {
                            Symbol = series.Symbol,
                            Name = series.Name,
                            Source = source.Name,
                            From = page.From,
                            To = page.To,
                            Candles = page.Candles,
                            ProducerId = producerId,
                            IngestionTimestamp = time.GetUtcNow().UtcDateTime,
                        }, cancellationToken).ConfigureAwait(false);
                        if (!published) continue;
                        progress.Page(source.Name, page.From, page.To, page.Candles.Count);
                        candles += page.Candles.Count;
                    }
                }

                progress.SeriesDone();
                var status = progress.Snapshot();
                ScraperLog.BackfillSeriesDone(logger, series.Symbol, source.Name, missing[0].From, missing[^1].To, candles,
                    status.SeriesDone + status.SeriesFailed, total);
            }
            catch (HistoryUnavailableException ex)
            {
                progress.SeriesFailed(ex.Message);
                ScraperLog.BackfillSeriesFailed(logger, series.Symbol, source.Name, ex.Message);
                // A provider that names a wait (rate limit, ban) is left alone for the rest of the run.
                if (ex.RetryAfter is { } wait) refused = $"{source.Name} asked to wait {wait} ({ex.Message})";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A page the broker refused, or a source that broke: this series waits for the next run, the others go on.
                progress.SeriesFailed(ex.Message);
                ScraperLog.BackfillSeriesFailed(logger, series.Symbol, source.Name, ex.Message);
            }
        }
    }

    /// <returns>True when a run was requested; false when the poll interval passed.</returns>
    private async Task<bool> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var request = _requested.WaitAsync(linked.Token);
        await Task.WhenAny(request, Task.Delay(interval, time, linked.Token)).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        try
        {
            // Settled either way now; a request that came with the deadline still counts.
            await request.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        cancellationToken.ThrowIfCancellationRequested();
        return request.IsCompletedSuccessfully;
    }
}
