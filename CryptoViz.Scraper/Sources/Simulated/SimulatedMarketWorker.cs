using CryptoViz.Scraper.Publishing;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>
/// Ticks the offline market on a timer and publishes every coin's quote with <c>source = "simulated"</c> whenever
/// <see cref="SourceSupervisor.ShouldSimulate"/> says so (always, never, or as the fallback for the real providers);
/// as the fallback it leaves the coins the replay has real history for to the replay.
/// </summary>
public sealed class SimulatedMarketWorker(
    PricePublisher publisher,
    SourceSupervisor supervisor,
    SimulatedMarketClock clock,
    IOptions<ScraperOptions> options,
    TimeProvider time,
    ILogger<SimulatedMarketWorker> logger) : BackgroundService
{
    public const string SourceName = "simulated";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Simulated;
        if (settings.Mode == SourceMode.Off) return;

        // In the fallback the replay's coins are its own: wait to know which they are before the first tick.
        if (settings.Mode == SourceMode.Auto) await supervisor.ReplaySettled.WaitAsync(stoppingToken).ConfigureAwait(false);

        var market = new SimulatedMarket(SimulatedCoin.Defaults, settings.Seed);
        ScraperLog.SimulatedStarted(logger, settings.Mode, market.Coins.Count, settings.Interval, settings.Seed);
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            try
            {
                if (supervisor.ShouldSimulate())
                {
                    clock.Opened(time.GetUtcNow());
                    PublishTick(market, settings.Interval, options.Value.ProducerId);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ScraperLog.TickFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void PublishTick(SimulatedMarket market, TimeSpan elapsed, string producerId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var quote in market.Step(elapsed))
        {
            if (supervisor.LeftToReplay(quote.Coin.Symbol)) continue;
            publisher.Publish(new CryptoPrice
            {
                Name = quote.Coin.Name,
                Symbol = quote.Coin.Symbol,
                Price = quote.Price,
                PercentChange24h = Math.Round(quote.PercentChange24h, 4),
                MarketCap = Math.Round(quote.MarketCap, 2),
                Source = SourceName,
                Timestamp = now,
                IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
                ProducerId = producerId,
                // Satoshi-like precision for the coin, cents for dollars: shorter records, nothing a chart can see lost.
                Volume = Math.Round(quote.Volume, 8),
                QuoteVolume = Math.Round(quote.QuoteVolume, 2),
                Volume24h = Math.Round(quote.Volume24h, 2),
            });
        }
    }
}
