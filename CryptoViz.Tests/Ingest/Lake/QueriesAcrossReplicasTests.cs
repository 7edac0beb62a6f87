using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest.Storage;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>
/// Two Ingest replicas, each with its own hot store and one shared lake (docs/lake.md#queries-across-replicas): replica
/// one stores BTC, replica two ETH, and the lake holds both, as its writer leaves it. Either replica answers for both.
/// </summary>
public sealed class QueriesAcrossReplicasTests : IDisposable
{
    private static readonly DateTime s_start = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TempPriceStore _one = new("replica-one");
    private readonly TempPriceStore _two = new("replica-two");
    private readonly string _lake = Directory.CreateTempSubdirectory("cryptoviz-shared-lake-").FullName;

    public QueriesAcrossReplicasTests()
    {
        _one.Store.Write(Ticks("BTC", 100_000));
        _two.Store.Write(Ticks("ETH", 4_000));
        WriteLake(_one, "one");
        WriteLake(_two, "two");
    }

    [Fact]
    public async Task Each_replica_answers_for_every_partition_and_counts_each_key_once()
    {
        foreach (var replica in new[] { _one, _two })
        {
            var queries = new PriceQueries(replica.Store, QueryViews.WithLake(_lake));

            var coins = await queries.GetCoinsAsync(Ct);
            var btc = await queries.GetTicksAsync("BTC", null, s_start, s_start.AddHours(1), 1000, Ct);
            var eth = await queries.GetTicksAsync("ETH", null, s_start, s_start.AddHours(1), 1000, Ct);
            var candles = await queries.GetCandlesAsync("ETH", "binance", TimeSpan.FromMinutes(1), s_start, s_start.AddHours(1), Ct);

            Assert.Equal(["BTC", "ETH"], coins.Select(c => c.Symbol).Order());
            Assert.Equal(120, btc.Count);
            Assert.Equal(120, eth.Count);
            Assert.Equal(240, await queries.CountRowsAsync(Ct));
            Assert.Equal([60, 60], candles.Select(c => c.Ticks));
            Assert.Equal(4_000 + 59, candles[0].Close);
        }
    }

    [Fact]
    public async Task Without_the_lake_a_replica_answers_only_for_what_it_stored()
    {
        var queries = new PriceQueries(_one.Store);

        Assert.Equal(["BTC"], (await queries.GetCoinsAsync(Ct)).Select(c => c.Symbol));
        Assert.Equal(120, await queries.CountRowsAsync(Ct));
    }

    [Fact]
    public async Task The_minute_series_and_coverage_read_the_lake_too()
    {
        var series = new SeriesQueries(_one.Store, QueryViews.WithLake(_lake));

        var closes = await series.GetMinuteClosesAsync("ETH", "binance", s_start, s_start.AddHours(1), Ct);
        var coverage = await series.GetCoverageAsync(s_start.AddHours(-1), TimeSpan.FromMinutes(5), Ct);

        Assert.Equal([4_000 + 59.0, 4_000 + 119.0], closes.Select(c => c.Close));
        Assert.Contains(coverage, range => range.Symbol == "ETH");
    }

    // Two minutes of one tick a second.
    private static IEnumerable<CryptoPrice> Ticks(string symbol, double basePrice) =>
        Enumerable.Range(0, 120).Select(second => new CryptoPrice
        {
            Name = symbol,
            Symbol = symbol,
            Price = basePrice + second,
            MarketCap = 1,
            Source = "binance",
            Timestamp = s_start.AddSeconds(second),
            IngestionTimestamp = s_start.AddSeconds(second + 1),
            ProducerId = "test",
        });

    // The lake's layout (docs/lake.md#layout): ticks and 1-minute candle parts by source and date, each replica's own files.
    private void WriteLake(TempPriceStore replica, string name)
    {
        var ticks = Path.Combine(_lake, "ticks");
        var candles = Path.Combine(_lake, "candles");
        replica.Execute($$"""
            COPY (SELECT *, CAST(event_time AS DATE) AS date FROM crypto_prices)
            TO '{{ticks}}' (FORMAT parquet, PARTITION_BY (source, date), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '{{name}}_{i}');
            COPY (SELECT source, symbol, time_bucket(INTERVAL 1 MINUTE, event_time) AS bucket,
                         arg_min(price, event_time) AS open, max(price) AS high, min(price) AS low, arg_max(price, event_time) AS close,
                         count(*) AS ticks, min(event_time) AS opened_at, max(event_time) AS closed_at,
                         0.0 AS volume, 0.0 AS quote_volume, CAST(bucket AS DATE) AS date
                  FROM crypto_prices GROUP BY ALL)
            TO '{{candles}}' (FORMAT parquet, PARTITION_BY (source, date), OVERWRITE_OR_IGNORE, FILENAME_PATTERN '{{name}}_{i}');
            """);
    }

    public void Dispose()
    {
        _one.Dispose();
        _two.Dispose();
        Directory.Delete(_lake, recursive: true);
    }
}
