using CryptoViz.Scraper.Sources.Simulated;
using CryptoViz.Scraper.Sources;

namespace CryptoViz.Tests.Scraper;

public sealed class SimulatedMarketTests
{
    [Fact]
    public void Same_seed_gives_the_same_market()
    {
        var a = new SimulatedMarket(SimulatedCoin.Defaults, seed: 7);
        var b = new SimulatedMarket(SimulatedCoin.Defaults, seed: 7);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.Step(TimeSpan.FromSeconds(1)), b.Step(TimeSpan.FromSeconds(1)));
        }
    }

    [Fact]
    public void Every_coin_trades_a_plausible_volume_that_rises_with_its_moves()
    {
        // A simulated day of one-minute steps.
        var market = new SimulatedMarket(SimulatedCoin.Defaults, seed: 11);
        var steps = Enumerable.Range(0, 1440).Select(_ => market.Step(TimeSpan.FromMinutes(1))).ToList();

        Assert.All(steps.SelectMany(s => s), q => Assert.True(q.Volume > 0 && q.QuoteVolume == q.Volume * q.Price));
        for (var coin = 0; coin < SimulatedCoin.Defaults.Count; coin++)
        {
            var quotes = steps.Select(s => s[coin]).ToList();
            // A day's turnover is a few % of the supply, and the reported 24 h volume tells the same in dollars.
            var traded = quotes.Sum(q => q.Volume) / quotes[0].Coin.CirculatingSupply;
            Assert.InRange(traded, SimulatedMarket.DailyTurnover / 1.5, SimulatedMarket.DailyTurnover * 1.5);
            Assert.InRange(quotes[^1].Volume24h / quotes.Sum(q => q.QuoteVolume), 0.5, 2);
            // Big moves come with big volume.
            var moves = quotes.Zip(quotes.Skip(1), (a, b) => Math.Abs(Math.Log(b.Price / a.Price))).ToList();
            Assert.InRange(Correlation(moves, quotes.Skip(1).Select(q => q.Volume).ToList()), 0.2, 0.95);
        }
    }

    [Fact]
    public void Prices_move_stay_positive_and_near_their_level()
    {
        var market = new SimulatedMarket(SimulatedCoin.Defaults, seed: 1);
        IReadOnlyList<SimulatedQuote> last = [];
        for (var i = 0; i < 3600; i++) last = market.Step(TimeSpan.FromSeconds(1));

        Assert.Equal(20, last.Count);
        Assert.All(last, q =>
        {
            Assert.True(q.Price > 0);
            Assert.NotEqual(q.Coin.StartPrice, q.Price);
            // An hour of 50-100 % annual volatility moves a coin by about 1 %, never by half.
            Assert.InRange(q.Price / q.Coin.StartPrice, 0.8, 1.25);
            Assert.Equal(q.Price * q.Coin.CirculatingSupply, q.MarketCap, 6);
        });
    }

    [Fact]
    public void Coins_move_together_through_the_market_factor()
    {
        var market = new SimulatedMarket(SimulatedCoin.Defaults, seed: 3);
        var previous = market.Step(TimeSpan.FromSeconds(1));
        var btc = new List<double>();
        var eth = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var next = market.Step(TimeSpan.FromSeconds(1));
            btc.Add(Math.Log(next[0].Price / previous[0].Price));
            eth.Add(Math.Log(next[1].Price / previous[1].Price));
            previous = next;
        }

        Assert.InRange(Correlation(btc, eth), 0.6, 0.9);
    }

    [Fact]
    public void Volatility_clusters_and_prices_jump_now_and_then()
    {
        // Two simulated days of one-minute BTC returns.
        var market = new SimulatedMarket(SimulatedCoin.Defaults, seed: 5);
        var previous = market.Step(TimeSpan.FromMinutes(1))[0].Price;
        var returns = new List<double>();
        for (var i = 0; i < 2 * 1440; i++)
        {
            var price = market.Step(TimeSpan.FromMinutes(1))[0].Price;
            returns.Add(Math.Log(price / previous));
            previous = price;
        }

        // Clustering: big moves follow big moves, so absolute returns correlate with the next ones (plain GBM: 0 within
        // the ±0.02 that 2,880 returns allow).
        var absolute = returns.Select(Math.Abs).ToList();
        Assert.InRange(Correlation(absolute.SkipLast(1).ToList(), absolute.Skip(1).ToList()), 0.05, 0.9);
        // Jumps and changing volatility give fat tails: excess kurtosis well above the normal's 0.
        var mean = returns.Average();
        var variance = returns.Average(r => (r - mean) * (r - mean));
        var kurtosis = returns.Average(r => Math.Pow(r - mean, 4)) / (variance * variance) - 3;
        Assert.True(kurtosis > 1, $"excess kurtosis {kurtosis:F2}");
    }

    [Fact]
    public void A_day_moves_coins_by_what_crypto_moves_in_a_day_not_by_multiples()
    {
        // Three seeds, a day of 10-second steps each: twenty coins' day returns.
        var returns = new List<double>();
        foreach (var seed in new[] { 5, 2024, 2025 })
        {
            var market = new SimulatedMarket(SimulatedCoin.Defaults, seed);
            IReadOnlyList<SimulatedQuote> last = [];
            for (var i = 0; i < 8640; i++) last = market.Step(TimeSpan.FromSeconds(10));
            returns.AddRange(last.Select(q => Math.Log(q.Price / q.Coin.StartPrice)));
        }

        // Crypto's daily moves run a few % (annual volatility 50-100 %, plus jumps); a volatility factor gone wild made them ±100 %.
        var deviation = Math.Sqrt(returns.Average(r => r * r));
        Assert.InRange(deviation, 0.02, 0.12);
    }

    private static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        var cov = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
