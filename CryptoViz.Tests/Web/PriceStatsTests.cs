using CryptoViz.Web.Clients;
using CryptoViz.Web.Pipeline;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.Web;

public sealed class PriceStatsTests
{
    private static readonly DateTime s_at = new(2025, 9, 4, 18, 42, 0, DateTimeKind.Utc);

    [Fact]
    public void One_row_per_coin_and_shown_source_with_sample_std_as_V2()
    {
        CoinActivity[] activity =
        [
            new("BTC", [Tick("BTC", "coinmarketcap", 100), Tick("BTC", "coinmarketcap", 104), Tick("BTC", "coingecko", 101), Tick("BTC", "binance", 1)], null, false),
            new("ETH", null, null, false),
        ];

        var stats = PriceStats.From(activity, new HashSet<string> { "coinmarketcap", "coingecko" });

        Assert.Equal(
            [new PriceStats("BTC", "coingecko", 1, 101, 101, 101, null), new PriceStats("BTC", "coinmarketcap", 2, 102, 100, 104, Math.Sqrt(8))],
            stats);
    }

    private static Tick Tick(string symbol, string source, double price) =>
        new(s_at, symbol, symbol, source, price, null, 0, s_at, "test");
}
