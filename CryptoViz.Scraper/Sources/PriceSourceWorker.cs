namespace CryptoViz.Scraper.Sources;

/// <summary>
/// Polls one real provider every <see cref="PriceProviderOptions.Interval"/>, publishes what is new and valid, and
/// survives anything the provider sends. After a 429 it skips cycles until the Retry-After time. Retries, jitter,
/// timeouts and the circuit breaker are the HttpClient's standard resilience handler.
/// </summary>
/// <remarks>The typed client is resolved per cycle from a scope, so the factory can rotate its handlers.</remarks>
public sealed class PriceSourceWorker<TSource>(
    IServiceScopeFactory scopes,
    SourceSupervisor supervisor,
    QuoteSink sink,
    ScraperTelemetry telemetry,
    TimeProvider time,
    ILogger<PriceSourceWorker<TSource>> logger) : BackgroundService
    where TSource : class, IPriceSource
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string name;
        PriceProviderOptions settings;
        using (var scope = scopes.CreateScope())
        {
            var source = scope.ServiceProvider.GetRequiredService<TSource>();
            (name, settings) = (source.Name, source.Settings);
            if (supervisor.StateOf(name) is null)
            {
                ScraperLog.SourceDisabled(logger, name, source.DisabledReason ?? "disabled");
                return;
            }
        }

        var state = supervisor.StateOf(name)!;
        ScraperLog.SourceStarted(logger, name, settings.BaseUrl!, settings.Interval, settings.TopN);
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            if (state.PausedUntil is { } until && time.GetUtcNow() < until)
            {
                state.SkippedCycle();
                ScraperLog.CycleSkipped(logger, name, until);
                continue;
            }

            await RunCycleAsync(name, state, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task RunCycleAsync(string name, SourceState state, CancellationToken stoppingToken)
    {
        var sourceTag = new KeyValuePair<string, object?>("source", name);
        var started = time.GetTimestamp();
        PriceFetch fetch;
        try
        {
            using var scope = scopes.CreateScope();
            fetch = await scope.ServiceProvider.GetRequiredService<TSource>().FetchAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            var (reason, detail, retryAfter) = Describe(ex);
            telemetry.Fetches.Add(1, sourceTag, new("outcome", reason));
            telemetry.FetchDuration.Record(time.GetElapsedTime(started).TotalSeconds, sourceTag);
            var pausedUntil = retryAfter is { } wait ? time.GetUtcNow() + wait : (DateTimeOffset?)null;
            Failed(state, name, reason, detail, 0, pausedUntil);
            return;
        }

        telemetry.FetchDuration.Record(time.GetElapsedTime(started).TotalSeconds, sourceTag);
        var (published, unchanged, rejected) = sink.Publish(name, fetch);
        if (published + unchanged > 0)
        {
            if (state.ConsecutiveFailures > 0) ScraperLog.SourceRecovered(logger, name, state.ConsecutiveFailures);
            telemetry.Fetches.Add(1, sourceTag, new("outcome", "ok"));
            telemetry.LastSuccess.Record(time.GetUtcNow().ToUnixTimeSeconds(), sourceTag);
            state.Succeeded(time.GetUtcNow(), published, unchanged, rejected);
            ScraperLog.Fetched(logger, name, fetch.Quotes.Count + fetch.Rejected.Count, published, unchanged, rejected);
        }
        else
        {
            telemetry.Fetches.Add(1, sourceTag, new("outcome", "no-valid-quote"));
            Failed(state, name, "no-valid-quote", $"{rejected} items rejected", rejected);
        }
    }

    /// <summary>Offline, every call fails: the first failure in a row is worth a warning, the repeats are not.</summary>
    private void Failed(SourceState state, string name, string reason, string detail, long rejected, DateTimeOffset? pausedUntil = null)
    {
        if (state.ConsecutiveFailures == 0) ScraperLog.FetchRejected(logger, name, reason, detail);
        else ScraperLog.FetchStillFailing(logger, name, state.ConsecutiveFailures + 1, reason, detail);
        state.Failed(reason, rejected, pausedUntil);
    }

    private static (string Reason, string Detail, TimeSpan? RetryAfter) Describe(Exception ex) => ex switch
    {
        PriceFetchException fetch => (fetch.Reason, fetch.Detail, fetch.Reason == "rate-limited" ? fetch.RetryAfter ?? TimeSpan.Zero : null),
        HttpRequestException http => ("unreachable", http.HttpRequestError + ": " + http.Message, null),
        Polly.Timeout.TimeoutRejectedException => ("timeout", ex.Message, null),
        Polly.CircuitBreaker.BrokenCircuitException => ("circuit-open", ex.Message, null),
        TaskCanceledException => ("timeout", ex.Message, null),
        _ => ("error", $"{ex.GetType().Name}: {ex.Message}", null),
    };
}
