using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest;

/// <summary>The size <c>/api/stats</c> and the dashboard report: what the store takes on disk.</summary>
public sealed class PriceStoreSizeTests
{
    [Fact]
    public void Stored_rows_count_in_the_database_size_before_DuckDB_checkpoints_them()
    {
        using var temp = new TempPriceStore("size");
        var empty = temp.Store.DatabaseBytes;

        temp.Store.Write(Enumerable.Range(0, 1_000).Select(Tick));

        // A thousand rows are far from DuckDB's checkpoint threshold, so they are in the write-ahead log alone.
        Assert.True(temp.Store.DatabaseBytes > empty + 20_000, $"{empty:N0} bytes empty, {temp.Store.DatabaseBytes:N0} with 1,000 rows");
    }

    private static CryptoPrice Tick(int second) => new()
    {
        Name = "Bitcoin",
        Symbol = "BTC",
        Price = 67_000 + second,
        MarketCap = 1.3e12,
        Source = "coingecko",
        Timestamp = new DateTime(2025, 9, 4, 12, 0, 0, DateTimeKind.Utc).AddSeconds(second),
        IngestionTimestamp = new DateTime(2025, 9, 4, 12, 0, 0, DateTimeKind.Utc).AddSeconds(second + 1),
        ProducerId = "size-test",
    };
}
