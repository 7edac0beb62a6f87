using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Ingest;

/// <summary>Ingest's columnar batch: what waits for the writer must not be one object graph per record.</summary>
public sealed class PriceRowsTests
{
    [Fact]
    public void Cleared_rows_take_new_records_from_the_start()
    {
        var rows = new PriceRows();
        rows.Add(Tick("BTC", 0));
        rows.Clear();
        rows.Add(Tick("ETH", 5));

        Assert.Equal(1, rows.Count);
        Assert.Equal("ETH", rows.Symbol(0));
        Assert.Equal(Tick("ETH", 5).EventTime, rows.EventTime(0));
    }

    private static CryptoPrice Tick(string symbol, int second) => new()
    {
        Name = symbol,
        Symbol = symbol,
        Price = 100,
        MarketCap = 1e9,
        Source = "binance",
        Timestamp = new DateTime(2025, 9, 4, 12, 0, second, DateTimeKind.Utc),
        IngestionTimestamp = new DateTime(2025, 9, 4, 12, 0, second, DateTimeKind.Utc),
        ProducerId = "test",
    };
}
