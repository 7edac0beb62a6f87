using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>
/// The simulated market's past (<see cref="SimulatedPast"/>), up to the minute its present opened and
/// <see cref="BackfillOptions.Depth"/> back; later minutes are the live market's own.
/// </summary>
public sealed class SimulatedHistorySource(
    SimulatedMarketClock clock,
    SourceSupervisor supervisor,
    IOptions<ScraperOptions> options,
    IOptions<BackfillOptions> backfill) : IHistorySource
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    /// <summary>The past is a market of its own, not the present's opening moves replayed.</summary>
    private const int PastSeedOffset = 1;

    public string Name => SimulatedMarketWorker.SourceName;

    public IReadOnlyList<HistorySeries> Series =>
        clock.OpenedAt is not null && supervisor.ShouldSimulate()
            ? [.. SimulatedCoin.Defaults.Where(c => !supervisor.LeftToReplay(c.Symbol)).Select(c => new HistorySeries(c.Symbol, c.Name))]
            : [];

    public async IAsyncEnumerable<HistoryPage> FetchAsync(
        HistorySeries series, DateTime from, DateTime to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var coins = SimulatedCoin.Defaults;
        var coin = coins.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Symbol == series.Symbol);
        HistoryCandle[] past = [];
        if (coin.c is not null && clock.OpenedAt is { } opened)
        {
            var end = UtcMinute.Floor(opened.UtcDateTime);
            past = SimulatedPast.Generate(coins, coin.i, options.Value.Simulated.Seed + PastSeedOffset, end, (int)(backfill.Value.Depth / s_minute));
        }

        foreach (var page in HistoryPages.Split(from, to, [.. past.Where(c => c.Time >= from && c.Time < to)]))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return page;
            await Task.Yield();
        }
    }
}
