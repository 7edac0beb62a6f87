using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>
/// A generated past for the simulated market: the same model (<see cref="SimulatedMarket"/>, its own seed) run over the
/// minutes before the present opened, in 10-second steps folded into 1-minute candles, and scaled so that each coin's
/// last close is the price its present starts from. Scaling a path keeps its returns, so the past has the present's
/// volatility, co-movement, jumps and volume, and no step where the two meet.
/// </summary>
public static class SimulatedPast
{
    private const int StepsPerMinute = 6;
    private static readonly TimeSpan s_step = TimeSpan.FromMinutes(1) / StepsPerMinute;

    /// <summary>One coin's candles for the <paramref name="minutes"/> minutes before <paramref name="end"/> (on a minute).</summary>
    public static HistoryCandle[] Generate(IReadOnlyList<SimulatedCoin> coins, int coin, int seed, DateTime end, int minutes)
    {
        var market = new SimulatedMarket(coins, seed);
        var open = new double[minutes];
        var high = new double[minutes];
        var low = new double[minutes];
        var close = new double[minutes];
        var volume = new double[minutes];
        var quoteVolume = new double[minutes];
        var previous = coins[coin].StartPrice;
        for (var m = 0; m < minutes; m++)
        {
            open[m] = high[m] = low[m] = previous;
            for (var s = 0; s < StepsPerMinute; s++)
            {
                var quote = market.Step(s_step)[coin];
                high[m] = Math.Max(high[m], quote.Price);
                low[m] = Math.Min(low[m], quote.Price);
                volume[m] += quote.Volume;
                quoteVolume[m] += quote.QuoteVolume;
                previous = quote.Price;
            }

            close[m] = previous;
        }

        var scale = coins[coin].StartPrice / previous;
        var start = end - TimeSpan.FromMinutes(minutes);
        var candles = new HistoryCandle[minutes];
        for (var m = 0; m < minutes; m++)
        {
            candles[m] = new HistoryCandle
            {
                Time = start + TimeSpan.FromMinutes(m),
                Open = open[m] * scale,
                High = high[m] * scale,
                Low = low[m] * scale,
                Close = close[m] * scale,
                Volume = Math.Round(volume[m], 8),
                QuoteVolume = Math.Round(quoteVolume[m] * scale, 2),
            };
        }

        return candles;
    }
}
