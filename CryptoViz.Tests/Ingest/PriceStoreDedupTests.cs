using System.Diagnostics.Metrics;
using System.Text.Json;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using DuckDB.NET.Data;

namespace CryptoViz.Tests.Ingest;

/// <summary>
/// Every way a record can be stored once: decided by the writer's in-memory index of recent keys, or by the anti-join
/// when it is older than the index remembers, in one process and after a restart.
/// </summary>
public sealed class PriceStoreDedupTests : IDisposable
{
    private static readonly DateTime s_start = new(2025, 9, 4, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempPriceStore _temp = new("dedup");

    private PriceStore Store => _temp.Store;

    [Fact]
    public void A_batch_stored_again_adds_nothing()
    {
        var batch = Ticks("BTC", "binance", 0, 50).Concat(Ticks("ETH", "binance", 0, 50)).ToList();

        Assert.Equal(100, Store.Write(batch));
        Assert.Equal(0, Store.Write(batch));
        Assert.Equal(100, Rows());
    }

    [Fact]
    public void Duplicates_inside_one_batch_are_stored_once()
    {
        var ticks = Ticks("BTC", "binance", 0, 10).ToList();

        Assert.Equal(10, Store.Write([.. ticks, .. ticks, ticks[3]]));
        Assert.Equal(10, Rows());
    }

    [Fact]
    public void A_late_quote_between_stored_ones_is_new_and_its_redelivery_is_not()
    {
        Store.Write([Tick("BTC", "binance", 0), Tick("BTC", "binance", 2)]);

        Assert.Equal(1, Store.Write([Tick("BTC", "binance", 1)]));
        Assert.Equal(0, Store.Write([Tick("BTC", "binance", 1), Tick("BTC", "binance", 2)]));
        Assert.Equal(3, Rows());
    }

    [Fact]
    public void Records_older_than_the_index_remembers_go_through_the_anti_join()
    {
        const int beyondTheIndex = RecentKeyIndex.TimesPerKey + 72;
        Store.Write(Ticks("BTC", "binance", 0, beyondTheIndex).Where(t => t.Timestamp != s_start.AddSeconds(5)).ToList());

        // The oldest were evicted from the index: redelivered, they are dropped by the table; a never-stored one is kept.
        Assert.Equal(1, Store.Write([.. Ticks("BTC", "binance", 0, 10), .. Ticks("BTC", "binance", beyondTheIndex - 5, 5)]));
        Assert.Equal(beyondTheIndex, Rows());
    }

    [Fact]
    public void A_new_writer_on_the_same_file_drops_what_is_already_stored()
    {
        Store.Write([.. Ticks("BTC", "binance", 0, 30), .. Ticks("BTC", "coingecko", 0, 30)]);

        using var restarted = _temp.Reopen();

        Assert.Equal(8, restarted.Write([.. Ticks("BTC", "binance", 20, 15), .. Ticks("ETH", "binance", 0, 3)]));
        Assert.Equal(0, restarted.Write(Ticks("BTC", "coingecko", 0, 30).ToList()));
        Assert.Equal(68, Rows());
    }

    [Fact]
    public void A_series_the_index_forgot_is_still_stored_once_when_redelivered_and_a_new_one_still_stored()
    {
        using var temp = new TempPriceStore("forgetful", options: new IngestOptions { RecentKeySeries = 2 });
        temp.Store.Write(Ticks("BTC", "binance", 0, 2).ToList());

        // A third series: BTC, the longest without a tick, is forgotten.
        temp.Store.Write([Tick("ETH", "binance", 0), Tick("SOL", "binance", 0)]);

        Assert.Equal(0, temp.Store.Write(Ticks("BTC", "binance", 0, 2).ToList()));
        Assert.Equal(1, temp.Store.Write([Tick("BTC", "binance", 2)]));
        Assert.Equal(1, temp.Store.Write([Tick("XRP", "binance", 0)]));
        Assert.Equal(0, temp.Store.Write([Tick("ETH", "binance", 0), Tick("SOL", "binance", 0), Tick("XRP", "binance", 0)]));
        Assert.Equal(6, Rows(temp));
    }

    [Fact]
    public void A_hundred_thousand_new_series_leave_the_index_at_its_size_and_the_first_one_is_still_stored_once()
    {
        using var temp = new TempPriceStore("flood", options: new IngestOptions { RecentKeySeries = 1_000 });
        using var index = new IndexMetrics(temp.Telemetry());

        for (var batch = 0; batch < 10; batch++)
        {
            temp.Store.Write(Enumerable.Range(batch * 10_000, 10_000).Select(i => Tick($"S{i}", "flood", 0)).ToList());
        }

        Assert.Equal((1_000, 1_000, 99_000L), (index.MostSeries, index.Series, index.Forgotten));
        Assert.Equal(0, temp.Store.Write([Tick("S0", "flood", 0), Tick("S99999", "flood", 0)]));
        Assert.Equal(100_000, Rows(temp));
    }

    [Fact]
    public void Quote_times_within_one_microsecond_are_one_key_as_DuckDB_stores_them()
    {
        var tick = Tick("BTC", "binance", 0);

        Assert.Equal(1, Store.Write([tick, tick with { Timestamp = tick.Timestamp.AddTicks(3) }]));
        Assert.Equal(0, Store.Write([tick with { Timestamp = tick.Timestamp.AddTicks(7) }]));
        Assert.Equal(1, Rows());
    }

    [Fact]
    public async Task Two_quotes_of_a_coin_within_one_second_are_both_stored_and_the_later_one_is_its_last_price()
    {
        // As Ingest gets them, through the wire, where V2's timestamp has whole seconds.
        var first = OverTheWire(Tick("BTC", "binance", 0) with { Timestamp = s_start.AddMilliseconds(120), Price = 100 });
        var later = OverTheWire(Tick("BTC", "binance", 0) with { Timestamp = s_start.AddMilliseconds(870), Price = 101 });

        Assert.Equal(2, Store.Write([later, first]));
        Assert.Equal(0, Store.Write([first, later]));

        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(101, Assert.Single(await new PriceQueries(Store).GetLatestAsync(ct)).Price);
        var candle = Assert.Single(await new PriceQueries(Store).GetCandlesAsync("BTC", "binance", TimeSpan.FromMinutes(1), s_start, s_start.AddMinutes(1), ct));
        Assert.Equal((100d, 101d, 2L), (candle.Open, candle.Close, candle.Ticks));
    }

    [Fact]
    public void A_batch_whose_transaction_failed_is_stored_whole_when_written_again()
    {
        var batch = Ticks("BTC", "binance", 0, 5).ToList();
        _temp.Execute("ALTER TABLE crypto_prices RENAME TO crypto_prices_away");

        Assert.Throws<DuckDBException>(() => Store.Write(batch));

        _temp.Execute("ALTER TABLE crypto_prices_away RENAME TO crypto_prices");
        Assert.Equal(5, Store.Write(batch));
        Assert.Equal(5, Rows());
    }

    private long Rows(TempPriceStore? temp = null)
    {
        using var connection = new DuckDBConnection((temp ?? _temp).ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM (SELECT DISTINCT symbol, source, event_time FROM crypto_prices)";
        var distinct = Convert.ToInt64(command.ExecuteScalar());
        command.CommandText = "SELECT count(*) FROM crypto_prices";
        Assert.Equal(distinct, Convert.ToInt64(command.ExecuteScalar()));
        return distinct;
    }

    private static CryptoPrice OverTheWire(CryptoPrice price) =>
        CryptoPriceJson.Read(JsonSerializer.SerializeToUtf8Bytes(price, CryptoVizJsonContext.Default.CryptoPrice))!;

    private static IEnumerable<CryptoPrice> Ticks(string symbol, string source, int fromSecond, int count) =>
        Enumerable.Range(fromSecond, count).Select(s => Tick(symbol, source, s));

    private static CryptoPrice Tick(string symbol, string source, int second) => new()
    {
        Name = symbol,
        Symbol = symbol,
        Price = 100 + second,
        MarketCap = 1,
        Source = source,
        Timestamp = s_start.AddSeconds(second),
        IngestionTimestamp = s_start.AddSeconds(second + 1),
        ProducerId = "test",
    };

    public void Dispose() => _temp.Dispose();

    /// <summary>What a store's recent-key index reported: series held after each batch, and series forgotten.</summary>
    private sealed class IndexMetrics : IDisposable
    {
        private readonly MeterListener _listener = new();

        public IndexMetrics(IngestTelemetry telemetry)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, telemetry.RecentKeySeries) || ReferenceEquals(instrument, telemetry.RecentKeySeriesForgotten))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<int>((_, series, _, _) => (Series, MostSeries) = (series, Math.Max(MostSeries, series)));
            _listener.SetMeasurementEventCallback<long>((_, forgotten, _, _) => Forgotten += forgotten);
            _listener.Start();
        }

        public int Series { get; private set; }

        public int MostSeries { get; private set; }

        public long Forgotten { get; private set; }

        public void Dispose() => _listener.Dispose();
    }
}
