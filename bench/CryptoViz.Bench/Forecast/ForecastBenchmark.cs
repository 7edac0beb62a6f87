using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aspire.Hosting.ApplicationModel;
using Confluent.Kafka;
using CryptoViz.Hosting.Kafka;
using CryptoViz.Ingest;
using CryptoViz.Ingest.Anomalies;
using CryptoViz.Ingest.Forecasting;
using CryptoViz.Ingest.Storage;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Forecast;

/// <summary>
/// The CPU of Ingest's live forecasts on 40 series × 7 days of 1-minute closes (20 coins × 2 sources), through Ingest's
/// own <see cref="ForecastRunner"/> on a DuckDB file and the embedded broker: a re-evaluation of every series
/// (<c>evaluate-models</c>), the minute run that continues the walks, and an evaluation check that finds nothing due. Floors
/// from the same run: reading the closes of every series as an evaluation does, and walking them with naive alone. The
/// issue's budget: re-evaluations ≤ 20 % of one core on average at the configured interval.
/// </summary>
internal static class ForecastBenchmark
{
    private const double Budget = 0.20;
    private const int Coins = 20;
    private static readonly string[] s_sources = ["alpha", "beta"];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var runs = args.GetInt("runs", 3);
        var minuteRuns = args.GetInt("minutes", 10);
        var options = new ForecastingOptions();
        options.Reevaluation = TimeSpan.FromMinutes(args.GetDouble("reevaluation", options.Reevaluation.TotalMinutes));

        var series = await ShiftedSeries.LoadAsync(Path.Combine(AppContext.BaseDirectory, "ReplayData"), Coins, s_sources);
        var minutes = series[0].Closes.Length;
        Console.WriteLine($"forecast: {series.Count} series ({Coins} coins × {s_sources.Length} sources) × {minutes:N0} minutes " +
                          $"({minutes / 1440.0:F1} days), history window {options.History.TotalDays:0.#} days, origin every {options.OriginStep} min; " +
                          $"{runs} re-evaluations, {minuteRuns} minute runs; {Environment.ProcessorCount} cores");
        Console.WriteLine(ShiftedSeries.Derivation);

        var directory = Directory.CreateTempSubdirectory("cryptoviz-forecast-");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new("ConnectionStrings:duckdb", $"DataSource={Path.Combine(directory.FullName, "forecast.duckdb")}")])
                .Build();
            using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
            using var store = new PriceStore(configuration, Options.Create(new IngestOptions()),
                new IngestTelemetry(services.GetRequiredService<IMeterFactory>()), NullLogger<PriceStore>.Instance);
            // The newest minutes are held back and stored one at a time before each minute run, as they would close.
            var stored = minutes - minuteRuns;
            ShiftedSeries.StoreCandles(store, series, 0, stored);
            var end = series[0].Start.AddMinutes(minutes).UtcDateTime;
            store.CandleHorizon.RolledUpTo(end);

            using var broker = EmbeddedKafkaBroker.Start([new KafkaTopic(Topics.Predictions, Topics.SeedPartitions)], NullLogger.Instance);
            using var producer = new ProducerBuilder<string, byte[]>(EmbeddedKafka.ProducerConfig(broker.BootstrapServers)).Build();
            var clock = new BenchClock(series[0].Start.AddMinutes(stored));
            var queries = new SeriesQueries(store);
            var publisher = new PredictionPublisher(producer, NullLogger<PredictionPublisher>.Instance);
            var runner = new ForecastRunner(queries, new ForecastBook(), publisher, new AnomalyWatch(queries, publisher, Options.Create(options)),
                Options.Create(options), clock, NullLogger<ForecastRunner>.Instance);
            var window = (From: clock.GetUtcNow().UtcDateTime - options.History, To: clock.GetUtcNow().UtcDateTime);

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var cold = await Measure.CpuAsync(() => runner.EvaluateAllAsync(CancellationToken.None));
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;

            var read = new List<Measure>();
            var naive = new List<Measure>();
            var evaluations = new List<Measure>();
            for (var run = 0; run < runs; run++)
            {
                // Alternating, so that the floors and the evaluation see the same machine.
                read.Add(await Measure.CpuAsync(() => ReadAllAsync(queries, series, window)));
                naive.Add(await Measure.CpuAsync(() => WalkNaiveAsync(queries, series, window, options)));
                evaluations.Add(await Measure.CpuAsync(() => runner.EvaluateAllAsync(CancellationToken.None)));
            }

            var minuteCosts = new List<Measure>();
            var checks = new List<Measure>();
            for (var minute = stored; minute < minutes; minute++)
            {
                ShiftedSeries.StoreCandles(store, series, minute, minute + 1);
                clock.Advance(TimeSpan.FromMinutes(1));
                minuteCosts.Add(await Measure.CpuAsync(() => runner.ForecastAsync(CancellationToken.None)));
                // Within the re-evaluation interval nothing is due: what every check between forecast runs costs.
                checks.Add(await Measure.CpuAsync(() => runner.EvaluateDueAsync(CancellationToken.None)));
            }

            Report(options, cold, held, read, naive, evaluations, minuteCosts, checks);
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task ReadAllAsync(SeriesQueries queries, IReadOnlyList<ShiftedSeries> series, (DateTime From, DateTime To) window)
    {
        foreach (var s in series)
        {
            var closes = await queries.GetMinuteClosesAsync(s.Symbol, s.Source, window.From, window.To, CancellationToken.None);
            MinuteSeries.FromCloses(s.Symbol, closes.Select(c => (new DateTimeOffset(c.Minute), c.Close)));
        }
    }

    private static async Task WalkNaiveAsync(
        SeriesQueries queries, IReadOnlyList<ShiftedSeries> series, (DateTime From, DateTime To) window, ForecastingOptions options)
    {
        var backtest = new WalkForwardBacktest(new BacktestSettings { OriginStep = options.OriginStep, WarmupMinutes = (int)options.Warmup.TotalMinutes });
        foreach (var s in series)
        {
            var closes = await queries.GetMinuteClosesAsync(s.Symbol, s.Source, window.From, window.To, CancellationToken.None);
            backtest.Run(MinuteSeries.FromCloses(s.Symbol, closes.Select(c => (new DateTimeOffset(c.Minute), c.Close))), []);
        }
    }

    private static void Report(
        ForecastingOptions options, Measure cold, long held, List<Measure> read, List<Measure> naive, List<Measure> evaluations,
        List<Measure> minuteCosts, List<Measure> checks)
    {
        var evaluation = Median.Of(evaluations.Select(m => m.Cpu));
        var readCpu = Median.Of(read.Select(m => m.Cpu));
        var naiveCpu = Median.Of(naive.Select(m => m.Cpu));
        var minute = minuteCosts.Average(m => m.Cpu);
        var check = checks.Average(m => m.Cpu);
        Print(["work (40 series)", "CPU-s, each run", "median CPU-s", "wall s (median)", "× read floor", "× naive floor"],
        [
            ["read the closes (floor)", Runs(read), N(readCpu, "F2"), N(Median.Of(read.Select(m => m.Wall)), "F2"), "1", ""],
            ["walk with naive alone (floor)", Runs(naive), N(naiveCpu, "F2"), N(Median.Of(naive.Select(m => m.Wall)), "F2"), N(naiveCpu / readCpu, "F1"), "1"],
            ["re-evaluation (`evaluate-models`)", Runs(evaluations), N(evaluation, "F2"), N(Median.Of(evaluations.Select(m => m.Wall)), "F2"),
                N(evaluation / readCpu, "F0"), N(evaluation / naiveCpu, "F0")],
            ["first re-evaluation (cold: JIT)", N(cold.Cpu, "F2"), N(cold.Cpu, "F2"), N(cold.Wall, "F2"), "", ""],
            ["minute run (continue 40 walks by a minute, publish)", "", N(minute, "F3"), N(minuteCosts.Average(m => m.Wall), "F3"), "", ""],
            ["evaluation check, nothing due", "", N(check, "F3"), N(checks.Average(m => m.Wall), "F3"), "", ""],
        ]);

        var reevaluating = evaluation / options.Reevaluation.TotalSeconds;
        var continuing = minute / options.Interval.TotalSeconds;
        var checking = check / options.EvaluationCheck.TotalSeconds;
        Print(["share of one core (CPU-s per wall s, averaged)", "at", "average"],
        [
            ["re-evaluations", $"every {options.Reevaluation.TotalMinutes:0.#} min", $"{reevaluating:P1} {(reevaluating <= Budget ? "(≤ 20 %: met)" : "(≤ 20 %: NOT met)")}"],
            ["minute runs", $"every {options.Interval.TotalSeconds:0} s", $"{continuing:P2}"],
            ["evaluation checks", $"every {options.EvaluationCheck.TotalSeconds:0} s", $"{checking:P2}"],
            ["all forecasting", "", $"{reevaluating + continuing + checking:P1}"],
        ]);
        Console.WriteLine($"re-evaluation per series: {evaluation / (Coins * s_sources.Length):F2} CPU-s; managed heap held by the walks after the first evaluation: {held / 1048576.0:F0} MiB");
    }

    private static string Runs(List<Measure> measures) => string.Join(", ", measures.Select(m => N(m.Cpu, "F2")));

    /// <summary>Process CPU (every thread: DuckDB's, ML.NET's, the GC's) and wall time of one piece of work.</summary>
    private readonly record struct Measure(double Cpu, double Wall)
    {
        public static async Task<Measure> CpuAsync(Func<Task> work)
        {
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await work();
            process.Refresh();
            return new Measure((process.TotalProcessorTime - cpu).TotalSeconds, wall.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The runner's clock, moved by the bench.</summary>
    private sealed class BenchClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
