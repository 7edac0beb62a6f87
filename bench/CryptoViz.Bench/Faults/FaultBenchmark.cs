using System.Diagnostics;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// Fault scenarios against the real processes, in turn on one app model: the AppHost's Program through Aspire.Hosting.Testing
/// with the embedded broker, its DuckDB folder on a tmpfs of its own, and a steady load on <c>crypto-raw-data</c> beside the
/// Scraper's ticks. Each scenario is measured by what the raw topic holds against what Ingest stored (bench/README.md, <c>faults</c>).
/// </summary>
internal static class FaultBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var options = FaultOptions.From(args);
        using var cts = new CancellationTokenSource();
        // Ctrl+C ends the run through the disposals below: the app model stopped, the tmpfs unmounted.
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        using var disk = DataDisk.Mount(options.DiskMegabytes);
        var logPath = Path.Combine(Path.GetTempPath(), $"cryptoviz-bench-faults-{Environment.ProcessId}.log");
        Console.WriteLine($"faults: scenarios {string.Join(", ", options.Scenarios)}; DuckDB in {disk.Directory} " +
                          $"({(disk.CannotFill is null ? $"tmpfs of {options.DiskMegabytes} MiB" : disk.CannotFill)}); services' output in {logPath}");
        var starting = Stopwatch.GetTimestamp();
        await using var app = await FaultApp.StartAsync(disk.Directory, options.Outage, options.StartTimeout, cts.Token);
        Console.WriteLine($"faults: every resource healthy {Stopwatch.GetElapsedTime(starting).TotalSeconds:N0} s after start");
        await using var logs = new ServiceLogs(app, logPath);
        var bootstrap = app.Broker.BootstrapServers;
        using var raw = RawTopic.Tail(bootstrap);
        using var deadLetters = DeadLetter.Tail(bootstrap);
        using var load = TickLoad.Start(bootstrap, options.LoadPerSecond);
        using var ingest = app.CreateHttpClient("ingest");
        var store = new StoreLedger(ingest);
        var context = new FaultContext(options, app, raw, deadLetters, store, disk, logs, load);
        var run = new ScenarioRun(context, new RecoveryWatch(app, raw, store));

        var rows = new List<FaultRow>();
        try
        {
            foreach (var scenario in options.Scenarios.Select(name => Create(name, options)))
            {
                rows.Add(await run.RunAsync(scenario, cts.Token));
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Console.WriteLine("faults: interrupted; the scenarios that ended:");
        }

        Console.WriteLine($"faults: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average at the end {LoadAverage()}; " +
                          $"load {options.LoadPerSecond} records/s beside the Scraper's");
        MarkdownTable.Print(FaultRow.Headers, rows.Select(r => r.Cells()));
        return rows.Any(r => r.Count is { Lost: > 0 } or { Duplicates: > 0 }) ? 1 : 0;
    }

    private static FaultScenario Create(string name, FaultOptions options) => name switch
    {
        "baseline" => new Baseline(),
        "kill" => new KillIngest(),
        "outage" => new BrokerOutage(options.Outage),
        "disk" => new DiskFull(options.DiskHold),
        "poison" => new PoisonMessage(options.PoisonBytes),
        "dlq" => new DeadLetterOutage(options.InvalidMessages, options.DeadLetterHold),
        "sse" => new StreamChurn(options.ChurnPerSecond, options.ChurnDuration),
        "hung" => new HungService(options.HungService),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
}
