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
/// rollup has not run), plus the time of the first full rollup.
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
                   $start + to_microseconds((i * $step)::BIGINT), $start + to_microseconds((i * $step)::BIGINT),
                   'bench', '2.0'
            FROM range({ticks}) t(i)
            """;
        command.Parameters.Add(new DuckDBParameter("start", start));
        command.Parameters.Add(new DuckDBParameter("step", span.Ticks / 10.0 / ticks));
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
