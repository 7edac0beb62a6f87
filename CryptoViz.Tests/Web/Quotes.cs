using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Web;

internal static class Quotes
{
    private static readonly DateTime s_time = new(2025, 9, 4, 18, 42, 7, DateTimeKind.Utc);

    public static CryptoPrice Price(string symbol, double price, string source = "coinmarketcap",
        double marketCap = 1e9, double? change = 1.5, string? name = null) => new()
    {
        Name = name ?? symbol + " Coin",
        Symbol = symbol,
        Price = price,
        PercentChange24h = change,
        MarketCap = marketCap,
        Source = source,
        Timestamp = s_time,
        IngestionTimestamp = s_time.AddSeconds(2),
        ProducerId = "test",
    };
}
