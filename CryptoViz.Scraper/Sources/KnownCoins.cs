using CryptoViz.Scraper.Sources.Simulated;
namespace CryptoViz.Scraper.Sources;

/// <summary>Names for providers that send only tickers (Binance, replayed klines): the coins the simulated market also trades.</summary>
public static class KnownCoins
{
    private static readonly Dictionary<string, string> s_names =
        SimulatedCoin.Defaults.ToDictionary(c => c.Symbol, c => c.Name, StringComparer.Ordinal);

    /// <summary>The coin's name, or its symbol when the coin is not known.</summary>
    public static string NameOf(string symbol) => s_names.GetValueOrDefault(symbol, symbol);
}
