using System.Runtime.CompilerServices;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The recorded payloads in <c>Scraper/Fixtures/</c> (see its ATTRIBUTION.md), read from beside this source file so
/// that the test project needs no copy-to-output item.
/// </summary>
internal static class ScraperFixtures
{
    public const string CoinGeckoMarkets = "coins_markets_usd_top100_2023-01-08.json";
    public const string CoinGecko429 = "error_429_rate_limit_2022-09-29.json";
    public const string CoinMarketCapListings = "listings_latest_top20_usd_2024-09-17T16-00Z.json";
    public const string BinanceTicker = "ws_combined_btcusdt_ticker_2020-06-19.json";
    public const string BinanceMiniTickers = "ws_raw_all-miniTicker-arr_2020-06-19.json";
    public const string BinanceKline = "ws_combined_btcusdt_kline_1m_2020-10-02.json";
    public const string BinanceRestKlines = "rest_klines_BTCUSDT_1m_2021-10-22.json";
    public const string BinanceSpotDay = "BTCUSDT-1m-2024-12-30.csv";
    public const string CoinGeckoChart = "market_chart_bitcoin_usd_30d_2024-11-03_2024-12-03.json";

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory(), "Fixtures", name));

    private static string Directory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
