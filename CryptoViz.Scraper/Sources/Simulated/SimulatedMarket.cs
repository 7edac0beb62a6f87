namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>
/// A deterministic offline market with the stylised facts of real crypto prices: each coin follows geometric
/// Brownian motion whose shocks are partly one market-wide factor (coins move together) and partly its own;
/// volatility clusters (a mean-reverting log-volatility factor, so calm and wild hours come in runs); and prices
/// jump now and then (market-wide or one coin), a market-wide jump leaving volatility raised for a while. Each step also trades
/// a volume: a share of the coin's supply (<see cref="DailyTurnover"/> a day on average) that rises with the size of the
/// coin's shock and with a jump, with noise, so offline candles have volume and big candles have big volume.
/// </summary>
public sealed class SimulatedMarket
{
    private static readonly double s_secondsPerYear = TimeSpan.FromDays(365).TotalSeconds;
    private static readonly double s_secondsPerDay = TimeSpan.FromDays(1).TotalSeconds;

    /// <summary>How long a volatility regime lasts (the log-volatility's mean-reversion time), in seconds.</summary>
    private const double RegimeSeconds = 2 * 3600;

    /// <summary>Spread of the log-volatility factor: about a third of hours run at under 0.6× or over 1.6× the average.</summary>
    private const double LogVolSpread = 0.5;

    private const double MarketJumpsPerDay = 1;
    private const double CoinJumpsPerDay = 2;
    private const double MarketJumpSize = 0.02;
    private const double CoinJumpSize = 0.03;

    /// <summary>How much a jump lifts the log-volatility (about 2× the volatility right after it).</summary>
    private const double JumpVolKick = 0.7;

    /// <summary>The share of its market cap a coin trades in a day on average; large coins trade a few % a day.</summary>
    public const double DailyTurnover = 0.04;

    /// <summary>Spread of a step's volume noise (log-normal, mean 1).</summary>
    private const double VolumeNoise = 0.3;

    /// <summary>E|Z| for a standard normal: dividing a shock's size by it gives a move factor of mean 1.</summary>
    private static readonly double s_meanAbsShock = Math.Sqrt(2 / Math.PI);

    // The factor's mean of exp(X) is exp(spread²/2): dividing by it keeps each coin's long-run volatility at its own.
    private static readonly double s_volNormaliser = Math.Exp(LogVolSpread * LogVolSpread / 2);

    private readonly IReadOnlyList<SimulatedCoin> _coins;
    private readonly Random _random;

    /// <summary>A stream of its own, so that volumes leave the price path a seed gives as it was.</summary>
    private readonly Random _volumeRandom;

    private readonly double[] _prices;
    private readonly double[] _dayAgoPrices;
    private readonly double[] _volumes24h;
    private double _logVol;

    public SimulatedMarket(IReadOnlyList<SimulatedCoin> coins, int seed)
    {
        _coins = coins;
        _random = new Random(seed);
        _volumeRandom = new Random(~seed);
        _prices = [.. coins.Select(c => c.StartPrice)];
        // Start each coin somewhere in a plausible day: up to ±6 % from where it was 24 h ago.
        _dayAgoPrices = [.. coins.Select(c => c.StartPrice / (1 + (_random.NextDouble() - 0.5) * 0.12))];
        _volumes24h = [.. coins.Select(c => c.StartPrice * c.CirculatingSupply * DailyTurnover)];
    }

    public IReadOnlyList<SimulatedCoin> Coins => _coins;

    /// <summary>Advances every coin by <paramref name="elapsed"/> and returns the new quotes.</summary>
    public IReadOnlyList<SimulatedQuote> Step(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var years = seconds / s_secondsPerYear;
        var volScale = Math.Exp(_logVol) / s_volNormaliser;
        var marketShock = NextGaussian();
        var marketJump = Jump(MarketJumpsPerDay, MarketJumpSize, seconds);
        var quotes = new SimulatedQuote[_coins.Count];
        // Only a market-wide jump lifts the market-wide volatility: with twenty coins' own jumps kicking it too (some
        // 40 a day against a 2 h memory) it settled about 10x high and a day's moves ran to ±100 %.
        var jumped = marketJump != 0;
        for (var i = 0; i < _coins.Count; i++)
        {
            var coin = _coins[i];
            var shock = coin.MarketBeta * marketShock + Math.Sqrt(1 - coin.MarketBeta * coin.MarketBeta) * NextGaussian();
            var sigma = coin.AnnualVolatility * volScale;
            var coinJump = Jump(CoinJumpsPerDay, CoinJumpSize, seconds);
            _prices[i] *= Math.Exp(-0.5 * sigma * sigma * years + sigma * Math.Sqrt(years) * shock + coin.MarketBeta * marketJump + coinJump);
            // Busy when the coin moves: the shock's size (half of the volume, mean 1) and a jump's rush. The shock, not the
            // move: the volatility regime's level wanders far from 1 for hours, and would take the turnover with it.
            var activity = (0.5 + 0.5 * Math.Abs(shock) / s_meanAbsShock) * (coinJump != 0 || marketJump != 0 ? 3 : 1)
                * Math.Exp(VolumeNoise * NextGaussian(_volumeRandom) - VolumeNoise * VolumeNoise / 2);
            var volume = coin.CirculatingSupply * DailyTurnover * seconds / s_secondsPerDay * activity;
            var quoteVolume = volume * _prices[i];
            // The 24 h reference and the 24 h volume drift towards the present at the rate a rolling window would.
            var decay = Math.Min(1, seconds / s_secondsPerDay);
            _dayAgoPrices[i] += (_prices[i] - _dayAgoPrices[i]) * decay;
            _volumes24h[i] += (quoteVolume * s_secondsPerDay / seconds - _volumes24h[i]) * decay;
            quotes[i] = new SimulatedQuote(coin, _prices[i], (_prices[i] / _dayAgoPrices[i] - 1) * 100, _prices[i] * coin.CirculatingSupply,
                volume, quoteVolume, _volumes24h[i]);
        }

        // Ornstein-Uhlenbeck step of the log-volatility, exact for any step length.
        var keep = Math.Exp(-seconds / RegimeSeconds);
        _logVol = _logVol * keep + LogVolSpread * Math.Sqrt(1 - keep * keep) * NextGaussian() + (jumped ? JumpVolKick : 0);
        return quotes;
    }

    /// <summary>A log-price jump with probability rate × step (Poisson, at most one per step), else 0.</summary>
    private double Jump(double perDay, double size, double seconds) =>
        _random.NextDouble() < perDay * seconds / s_secondsPerDay ? size * NextGaussian() : 0;

    private double NextGaussian() => NextGaussian(_random);

    private static double NextGaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
