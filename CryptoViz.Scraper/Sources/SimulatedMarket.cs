namespace CryptoViz.Scraper.Sources;

/// <summary>
/// A deterministic offline market: each coin follows geometric Brownian motion whose shocks are partly one
/// market-wide factor (so coins move together, as real ones do) and partly the coin's own.
/// </summary>
public sealed class SimulatedMarket
{
    private static readonly double s_secondsPerYear = TimeSpan.FromDays(365).TotalSeconds;

    private readonly IReadOnlyList<SimulatedCoin> _coins;
    private readonly Random _random;
    private readonly double[] _prices;
    private readonly double[] _dayAgoPrices;

    public SimulatedMarket(IReadOnlyList<SimulatedCoin> coins, int seed)
    {
        _coins = coins;
        _random = new Random(seed);
        _prices = [.. coins.Select(c => c.StartPrice)];
        // Start each coin somewhere in a plausible day: up to ±6 % from where it was 24 h ago.
        _dayAgoPrices = [.. coins.Select(c => c.StartPrice / (1 + (_random.NextDouble() - 0.5) * 0.12))];
    }

    public IReadOnlyList<SimulatedCoin> Coins => _coins;

    /// <summary>Advances every coin by <paramref name="elapsed"/> and returns the new quotes.</summary>
    public IReadOnlyList<SimulatedQuote> Step(TimeSpan elapsed)
    {
        var years = elapsed.TotalSeconds / s_secondsPerYear;
        var marketShock = NextGaussian();
        var quotes = new SimulatedQuote[_coins.Count];
        for (var i = 0; i < _coins.Count; i++)
        {
            var coin = _coins[i];
            var shock = coin.MarketBeta * marketShock + Math.Sqrt(1 - coin.MarketBeta * coin.MarketBeta) * NextGaussian();
            var sigma = coin.AnnualVolatility;
            _prices[i] *= Math.Exp(-0.5 * sigma * sigma * years + sigma * Math.Sqrt(years) * shock);
            // The 24 h reference drifts towards the present at the rate a rolling window would.
            var decay = Math.Min(1, elapsed.TotalSeconds / TimeSpan.FromDays(1).TotalSeconds);
            _dayAgoPrices[i] += (_prices[i] - _dayAgoPrices[i]) * decay;
            quotes[i] = new SimulatedQuote(coin, _prices[i], (_prices[i] / _dayAgoPrices[i] - 1) * 100, _prices[i] * coin.CirculatingSupply);
        }

        return quotes;
    }

    private double NextGaussian()
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
