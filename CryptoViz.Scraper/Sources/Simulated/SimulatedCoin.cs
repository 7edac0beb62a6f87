namespace CryptoViz.Scraper.Sources.Simulated;

/// <summary>A coin the offline market trades: a realistic starting level, supply and risk profile.</summary>
/// <param name="AnnualVolatility">Total annualised volatility, e.g. 0.5 for 50 %.</param>
/// <param name="MarketBeta">Share of the coin's moves that follow the whole market (0..1).</param>
public sealed record SimulatedCoin(string Symbol, string Name, double StartPrice, double CirculatingSupply,
    double AnnualVolatility, double MarketBeta)
{
    /// <summary>Twenty large coins at late-2025 price levels.</summary>
    public static IReadOnlyList<SimulatedCoin> Defaults { get; } =
    [
        new("BTC", "Bitcoin", 95_000, 19_950_000, 0.50, 0.90),
        new("ETH", "Ethereum", 3_300, 120_700_000, 0.65, 0.85),
        new("XRP", "XRP", 2.30, 60_000_000_000, 0.85, 0.70),
        new("BNB", "BNB", 900, 139_000_000, 0.55, 0.75),
        new("SOL", "Solana", 190, 540_000_000, 0.80, 0.80),
        new("DOGE", "Dogecoin", 0.20, 151_000_000_000, 0.95, 0.75),
        new("TRX", "TRON", 0.30, 94_700_000_000, 0.60, 0.50),
        new("ADA", "Cardano", 0.70, 36_000_000_000, 0.85, 0.75),
        new("LINK", "Chainlink", 18, 678_000_000, 0.85, 0.75),
        new("AVAX", "Avalanche", 25, 422_000_000, 0.90, 0.75),
        new("XLM", "Stellar", 0.35, 31_500_000_000, 0.85, 0.65),
        new("TON", "Toncoin", 3.1, 2_500_000_000, 0.80, 0.55),
        new("SUI", "Sui", 3.2, 3_600_000_000, 1.00, 0.70),
        new("HBAR", "Hedera", 0.20, 42_000_000_000, 0.95, 0.65),
        new("BCH", "Bitcoin Cash", 500, 19_900_000, 0.70, 0.75),
        new("DOT", "Polkadot", 4.0, 1_600_000_000, 0.85, 0.75),
        new("LTC", "Litecoin", 100, 76_000_000, 0.70, 0.75),
        new("UNI", "Uniswap", 8.0, 630_000_000, 0.95, 0.70),
        new("NEAR", "NEAR Protocol", 3.0, 1_250_000_000, 0.95, 0.70),
        new("APT", "Aptos", 6.0, 640_000_000, 0.95, 0.70),
    ];
}
