using System.Text;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Lake;
using CryptoViz.Ingest.Storage;
using CryptoViz.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>
/// The issue's "done when": the lake of a real Ingest, read back by DuckDB with the statements of docs/lake.md#reading-the-lake, equals the rows
/// it stored in its hot store; bad records are in neither.
/// </summary>
public sealed class LakeReadBackTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private const string Columns = $"{PriceSchema.Columns}, event_time, volume, quote_volume, volume_24h";

    private readonly string _directory = Directory.CreateTempSubdirectory("cryptoviz-lake-ingest-").FullName;
    private readonly EmbeddedKafkaFixture _kafka = new();
    private readonly DateTime _start = UtcMinute.Floor(DateTime.UtcNow).AddMinutes(-3);
    private WebApplicationFactory<IngestOptions> _ingest = null!;

    public ValueTask InitializeAsync()
    {
        _ingest = new WebApplicationFactory<IngestOptions>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in _kafka.ServiceConfiguration) web.UseSetting(key, value);
            web.UseSetting("ConnectionStrings:duckdb", $"DataSource={Path.Combine(_directory, "store.duckdb")}");
            web.UseSetting("Ingest:ConsumerGroup", $"ingest-{Guid.NewGuid():N}");
            web.UseSetting("Ingest:BatchWindow", "00:00:00.050");
            web.UseSetting("Ingest:Lake:ConsumerGroup", $"lake-{Guid.NewGuid():N}");
            web.UseSetting("Ingest:Lake:SegmentRecords", "50");
            web.UseSetting("Ingest:Lake:SegmentAge", "00:00:00.200");
        });
        _ = _ingest.Server;
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_lake_read_back_by_duckdb_equals_the_stored_rows_and_holds_no_bad_record()
    {
        // Arrange: 3 sources × 10 coins × 4 s (some with volumes, some without), re-published in part at later offsets, and
        // between them records Ingest refuses: not JSON, a price of 0, a quote from before the raw retention, one from the future.
        var prices = LakeRecords.Distinct(_start, symbols: 10, sources: ["binance", "coingecko", "kraken"], seconds: 4)
            .Select((p, i) => i % 3 == 0 ? p with { Volume = null, PercentChange24h = null } : p with { QuoteVolume = i * 2.5, Volume24h = 1e6 })
            .ToList();
        var bad = new (string Key, byte[] Value)[]
        {
            ("BAD_binance", Encoding.UTF8.GetBytes("<html>502</html>")),
            ("ZERO_binance", LakeRecords.Json(TempLake.Tick("ZERO", "binance", _start) with { Price = 0 })),
            ("OLD_binance", LakeRecords.Json(TempLake.Tick("OLD", "binance", _start.AddDays(-30)))),
            ("AHEAD_binance", LakeRecords.Json(TempLake.Tick("AHEAD", "binance", DateTime.UtcNow.AddHours(2)))),
        };

        // Act
        await LakeRecords.ProduceAsync(_kafka, prices.Take(60));
        await LakeRecords.ProduceAsync(_kafka, bad);
        await LakeRecords.ProduceAsync(_kafka, [.. prices.Skip(60), .. prices.Where((_, i) => i % 4 == 0)]);
        var store = _ingest.Services.GetRequiredService<PriceStore>();
        await Eventually.GetAsync(() => new PriceQueries(store).CountRowsAsync(TestContext.Current.CancellationToken).ContinueWith(t => (long?)t.Result),
            rows => rows == prices.Count, s_timeout, $"{prices.Count} stored rows");
        await LakeWriterRig.CaughtUpAsync(_kafka, _ingest.Services.GetRequiredService<LakePartitions>());

        // Assert: the lake is lake/ beside the DuckDB file; the store's rows and the lake's are the same, each once.
        var lake = $"read_parquet('{Path.Combine(_directory, "lake")}/ticks/**/*.parquet', hive_partitioning = true)";
        using var connection = store.OpenConnection();
        Assert.Equal((long)prices.Count, Scalar(connection, $"SELECT count(*) FROM {lake}"));
        Assert.Equal(0L, Scalar(connection, $"SELECT count(*) FROM (SELECT {Columns} FROM crypto_prices EXCEPT ALL SELECT {Columns} FROM {lake})"));
        Assert.Equal(0L, Scalar(connection, $"SELECT count(*) FROM (SELECT {Columns} FROM {lake} EXCEPT ALL SELECT {Columns} FROM crypto_prices)"));
        Assert.Equal(0L, Scalar(connection, $"SELECT count(*) FROM {lake} WHERE symbol IN ('BAD', 'ZERO', 'OLD', 'AHEAD') OR date <> CAST(event_time AS DATE)"));

        // ...and the candle parts, merged per minute, are the stored ticks' 1-minute candles.
        var candles = $"read_parquet('{Path.Combine(_directory, "lake")}/candles/**/*.parquet', hive_partitioning = true)";
        Assert.Equal(0L, Scalar(connection, $"""
            SELECT count(*) FROM (
                (SELECT symbol, source, bucket, arg_min(open, opened_at), max(high), min(low), arg_max(close, closed_at), sum(ticks)::BIGINT,
                        round(sum(volume), 6), round(sum(quote_volume), 6)
                 FROM {candles} GROUP BY symbol, source, bucket)
                EXCEPT ALL
                (SELECT symbol, source, time_bucket(INTERVAL 1 MINUTE, event_time), arg_min(price, event_time), max(price), min(price),
                        arg_max(price, event_time), count(*), round(coalesce(sum(volume), 0), 6), round(coalesce(sum(quote_volume), 0), 6)
                 FROM crypto_prices GROUP BY ALL))
            """));
    }

    private static long Scalar(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _ingest.DisposeAsync();
        _kafka.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
