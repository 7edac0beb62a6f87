using CryptoViz.Scraper.Publishing;
using CryptoViz.Contracts.Klines;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>
/// Plays real 1-minute history back as live ticks with <c>source = "replay"</c>, at <see cref="ReplayOptions.Speed"/>,
/// whenever <see cref="SourceSupervisor.ShouldReplay"/> says so: always, never, or as the fallback for the real
/// providers. Each tick is stamped with the present time and carries the original one.
/// </summary>
public sealed class ReplayWorker(
    PricePublisher publisher,
    SourceSupervisor supervisor,
    ReplayClock clock,
    IOptions<ScraperOptions> options,
    TimeProvider time,
    ILogger<ReplayWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Replay;
        if (settings.Mode == SourceMode.Off) return;

        ReplayTape tape;
        try
        {
            tape = await ReplayTape.LoadAsync(settings.Paths, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or KlineFormatException or ArgumentException)
        {
            ScraperLog.ReplayUnavailable(logger, string.Join(", ", settings.Paths), ex.Message);
            supervisor.ReplayReady([]);
            return;
        }

        clock.Loaded(tape);
        supervisor.ReplayReady(tape.Series.Select(s => s.Symbol));
        ScraperLog.ReplayReady(logger, settings.Mode, string.Join(", ", tape.Series.Select(s => s.Symbol)), tape.Start, tape.Length, settings.Speed);

        var step = settings.TickInterval * settings.Speed;
        var position = TimeSpan.Zero;
        using var timer = new PeriodicTimer(settings.TickInterval, time);
        do
        {
            if (!supervisor.ShouldReplay()) continue;
            if (position >= tape.Length)
            {
                if (!settings.Loop)
                {
                    ScraperLog.ReplayEnded(logger, tape.Length);
                    return;
                }

                position = TimeSpan.FromTicks(position.Ticks % tape.Length.Ticks);
            }

            try
            {
                var now = time.GetUtcNow();
                Publish(tape.At(position, step), now.UtcDateTime, options.Value.ProducerId);
                clock.Tick(now, position);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ScraperLog.TickFailed(logger, ex);
            }

            position += step;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Publish(IEnumerable<ReplayQuote> quotes, DateTime now, string producerId)
    {
        foreach (var quote in quotes) publisher.Publish(quote.ToRecord(now, producerId));
    }
}
