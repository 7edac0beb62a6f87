using System.Diagnostics;
using System.Diagnostics.Metrics;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Services;
using CryptoViz.Ingest.Storage;
using DuckDB.NET.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Ingest;

/// <summary>
/// 1-minute candles for the last 24 h of one coin out of N stored ticks (issue target: ≤ 20 ms at 50M), through
/// Ingest's own <see cref="PriceQueries"/>: once over the stored rollup, once over raw ticks only (a store whose
/// rollup has not run), plus the time of the first full rollup. With <c>--lake</c>, also as a replica that serves queries
/// from the lake (docs/lake.md#queries-across-replicas): the store's ticks and candles copied to a lake beside it, plus a day
/// of history candles per coin before them, read once by the replica that holds the coin and once by one that holds
/// nothing of it.
/// </summary>
internal static class CandleBenchmark
{
    private const double TargetMs = 20;
    private const int Coins = 50;
    private const int Runs = 15;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var ticks = args.GetInt("ticks", 50_000_000);
        var directory = Directory.CreateTempSubdirectory("cryptoviz-candles-");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:duckdb", $"DataSource={Path.Combine(directory.FullName, "candles.duckdb")}")])
                .Build();
            // 50 coins, one source, a tick every 6.75 ms in turn: 50M ticks span 3.9 days, 259k per coin and day.
            var span = TimeSpan.FromMilliseconds(6.75) * ticks;
            var end = new DateTime(2025, 9, 10, 0, 0, 0, DateTimeKind.Utc);
            var start = end - span;
            var time = new FixedTime(end.AddMinutes(1));
            using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var telemetry = new IngestTelemetry(services.GetRequiredService<IMeterFactory>());

            double generateS, rollupS;
            long candles;
            (double Median, double Max) stored;
            var lakeRows = new List<string[]>();
            using (var store = new PriceStore(configuration, Options.Create(new IngestOptions()), telemetry, NullLogger<PriceStore>.Instance))
            {
                var clock = Stopwatch.StartNew();
                Generate(store, ticks, start, span);
                generateS = clock.Elapsed.TotalSeconds;

                clock.Restart();
                var rollup = new CandleRollupService(store, Options.Create(new RollupOptions()), telemetry, time, NullLogger<CandleRollupService>.Instance);
                candles = rollup.Roll();
                rollupS = clock.Elapsed.TotalSeconds;
                stored = await TimeQueryAsync(new PriceQueries(store), end, span);
                if (args.Has("lake"))
                {
                    clock.Restart();
                    var lake = Path.Combine(directory.FullName, "lake");
                    Directory.CreateDirectory(lake);
                    CopyToLake(store, lake, start);
                    Console.WriteLine($"candles: lake written in {clock.Elapsed.TotalSeconds:F1} s");
                    lakeRows.Add(["stored rollup + lake, the replica that holds the coin", .. Format(await TimeQueryAsync(new PriceQueries(store, QueryViews.WithLake(lake)), end, span))]);
                    using var empty = new PriceStore(new ConfigurationBuilder()
                            .AddInMemoryCollection([new("ConnectionStrings:duckdb", $"DataSource={Path.Combine(directory.FullName, "other.duckdb")}")]).Build(),
                        Options.Create(new IngestOptions()), telemetry, NullLogger<PriceStore>.Instance);
                    new CandleRollupService(empty, Options.Create(new RollupOptions()), telemetry, time, NullLogger<CandleRollupService>.Instance).Roll();
                    lakeRows.Add(["lake alone, a replica that holds none of it", .. Format(await TimeQueryAsync(new PriceQueries(empty, QueryViews.WithLake(lake)), end, span))]);
                }
            }

            (double Median, double Max) raw;
            using (var store = new PriceStore(configuration, Options.Create(new IngestOptions()), telemetry, NullLogger<PriceStore>.Instance))
            {
                raw = await TimeQueryAsync(new PriceQueries(store), end, span);
            }

            Console.WriteLine($"candles: {ticks:N0} ticks of {Coins} coins over {span.TotalDays:F1} days, generated in {generateS:F1} s; " +
                              $"first rollup wrote {candles:N0} candles in {rollupS:F1} s");
            Print(["query: 1m candles, last 24 h, one coin", $"median of {Runs}", "max", "target"],
            [
                ["stored rollup (Ingest default)", $"{stored.Median:F1} ms", $"{stored.Max:F1} ms", stored.Median <= TargetMs ? "≤ 20 ms: met" : "≤ 20 ms: NOT met"],
                ["raw ticks only (before the first rollup)", $"{raw.Median:F1} ms", $"{raw.Max:F1} ms", ""],
                .. lakeRows,
            ]);
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void Generate(PriceStore store, int ticks, DateTime start, TimeSpan span)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        // A smooth walk per coin with some noise; values only need to be plausible, times strictly as ingested (in order).
        command.CommandText = $"""
            INSERT INTO crypto_prices
            SELECT 'Coin ' || (i % {Coins}), 'C' || (i % {Coins}),
                   100 + (i % {Coins}) + 10 * sin(i / 1e6) + random(), 0.5, 1e9, 'bench',
                   $start + to_microseconds((i * $step)::BIGINT) AS tick_at, tick_at, 'bench', '2.0', tick_at, 1.0, 100.0, NULL
            FROM range({ticks}) t(i)
            """;
        command.Parameters.Add(new DuckDBParameter("start", start));
        command.Parameters.Add(new DuckDBParameter("step", span.Ticks / 10.0 / ticks));
        command.ExecuteNonQuery();
    }

    private static string[] Format((double Median, double Max) time) => [$"{time.Median:F1} ms", $"{time.Max:F1} ms", ""];

    // The lake's layout (docs/lake.md#layout), one file per directory, and a day of history candles per coin before the ticks.
    private static void CopyToLake(PriceStore store, string lake, DateTime start)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            COPY (SELECT *, CAST(event_time AS DATE) AS date FROM crypto_prices)
            TO '{lake}/ticks' (FORMAT parquet, PARTITION_BY (source, date));
            COPY (SELECT *, CAST(bucket AS DATE) AS date FROM candles_1m)
            TO '{lake}/candles' (FORMAT parquet, PARTITION_BY (source, date));
            COPY (SELECT 'C' || (i % {Coins}) AS symbol, 'bench' AS source,
                         $start - INTERVAL 1 DAY + to_minutes((i // {Coins})::BIGINT) AS bucket,
                         100.0 AS open, 101.0 AS high, 99.0 AS low, 100.5 AS close, 1.0 AS volume, 100.0 AS quote_volume,
                         CAST(bucket AS DATE) AS date
                  FROM range({Coins * 1440}) t(i))
            TO '{lake}/history' (FORMAT parquet, PARTITION_BY (source, date));
            """;
        command.Parameters.Add(new DuckDBParameter("start", start));
        command.ExecuteNonQuery();
    }

    private static async Task<(double Median, double Max)> TimeQueryAsync(PriceQueries queries, DateTime end, TimeSpan span)
    {
        var expected = (int)Math.Min(TimeSpan.FromDays(1).TotalMinutes, Math.Floor(span.TotalMinutes));
        var from = end.AddDays(-1);
        await queries.GetCandlesAsync("C7", "bench", TimeSpan.FromMinutes(1), from, end, CancellationToken.None);
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var candles = await queries.GetCandlesAsync("C7", "bench", TimeSpan.FromMinutes(1), from, end, CancellationToken.None);
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (candles.Count < expected) throw new InvalidOperationException($"expected {expected:N0} candles, got {candles.Count}");
        }

        return (Median.Of(times), times.Max());
    }

    /// <summary>The rollup's "now": just after the generated history.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
