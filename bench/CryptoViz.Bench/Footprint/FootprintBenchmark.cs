using System.Diagnostics;
using System.Text.Json;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Footprint;

/// <summary>
/// Resident memory of the four services under the AppHost, as a user runs it (<c>dotnet run --project
/// CryptoViz.AppHost</c>, Debug unless <c>--configuration Release</c>): starts the built AppHost, waits until every
/// service's /health answers, samples VmRSS of each service's own process over the last <c>--window</c> seconds before
/// <c>--minutes</c> after start, and prints the medians and their total. The AppHost, DCP, the dashboard and the
/// <c>dotnet run</c> wrappers are shown apart, outside the total. Builds nothing.
/// </summary>
internal static class FootprintBenchmark
{
    private static readonly IReadOnlyList<string> s_services = [.. FootprintOptions.Services.Select(s => s.Service)];

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var options = FootprintOptions.From(args);
        var root = args.GetString("repo") ?? RepositoryRoot();
        if (MissingBuild(root, options.Configuration) is { } missing)
        {
            Console.Error.WriteLine($"footprint: {missing} is not built; run `dotnet build CryptoViz.AppHost -c {options.Configuration}` first (this command builds nothing).");
            return 1;
        }

        if (options.BusyPorts() is { Count: > 0 } busy)
        {
            Console.Error.WriteLine($"footprint: already in use: {string.Join(", ", busy)}. Stop what listens there, move the ports "
                + "(--web-port, --stream-port, --ingest-port, --scraper-port, --dashboard-port, --otlp-port) or pass --free-ports.");
            return 1;
        }

        var scratch = Directory.CreateTempSubdirectory("cryptoviz-bench-footprint-").FullName;
        var dataDirectory = options.DataDirectory ?? Path.Combine(scratch, "data");
        var logPath = Path.Combine(Path.GetTempPath(), $"cryptoviz-bench-footprint-{Environment.ProcessId}.log");
        PrintSetup(options, root, dataDirectory, logPath);

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop the AppHost first
            cancel.Cancel();
        };

        var started = Stopwatch.GetTimestamp();
        using var appHost = AppHostProcess.Start(root, options.Configuration, options.AppHostArguments(dataDirectory), logPath);
        var exitCode = 0;
        BrowserProcess? browser = null;
        try
        {
            var healthUrls = FootprintOptions.Services.ToDictionary(s => s.Service, s => new Uri($"http://localhost:{options.ServicePorts[s.Resource]}/health"));
            var healthy = await HealthWait.AllAsync(healthUrls, appHost, started, options.HealthTimeout, logPath, cancel.Token);
            Console.WriteLine($"healthy after: {string.Join(", ", healthy.Select(h => $"{h.Key} {h.Value.TotalSeconds:N0} s"))}");
            if (options.BrowserPage is { } page)
            {
                var url = new Uri($"http://localhost:{options.ServicePorts["web"]}{page}");
                browser = BrowserProcess.Start(options.BrowserExecutable, url, Path.Combine(scratch, "chromium"));
                Console.WriteLine($"browser: headless {options.BrowserExecutable} on {url}");
            }

            var samples = await SampleAsync(appHost, browser, options, started, cancel.Token);
            exitCode = Report(samples, options, started);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            Console.Error.WriteLine($"footprint: {(e is OperationCanceledException ? "cancelled" : e.Message)}");
            exitCode = 1;
        }
        finally
        {
            browser?.Dispose();
            exitCode = Math.Max(exitCode, await StopAsync(appHost, root));
            if (options.DataDirectory is null) Directory.Delete(scratch, recursive: true);
        }

        Console.WriteLine($"AppHost output: {logPath}");
        return exitCode;
    }

    private static async Task<MemorySamples> SampleAsync(AppHostProcess appHost, BrowserProcess? browser, FootprintOptions options, long started, CancellationToken cancellationToken)
    {
        var first = options.Duration - options.Window;
        var interval = options.Samples > 1 ? options.Window / (options.Samples - 1) : TimeSpan.Zero;
        var samples = new MemorySamples();
        for (var i = 0; i < options.Samples; i++)
        {
            var due = first + interval * i - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                if (i == 0) Console.WriteLine($"sampling from {first.TotalSeconds:N0} s after start, {options.Samples} samples {interval.TotalSeconds:N0} s apart (in {due.TotalSeconds:N0} s)");
                await Task.Delay(due, cancellationToken);
            }

            if (appHost.HasExited) throw new InvalidOperationException($"the AppHost exited with {appHost.ExitCode} while sampling.");
            if (browser?.HasExited == true) throw new InvalidOperationException("the browser exited while sampling.");
            samples.Add(appHost.Snapshot(s_services)
                .Select(p => (Group: GroupOf(p), p.Process.Pid, Memory: ProcFs.TryReadMemory(p.Process.Pid)))
                .Where(p => p.Memory is not null)
                .Select(p => (p.Group, p.Pid, p.Memory!)));
        }

        return samples;
    }

    private static string GroupOf(ServiceProcess process) => process.Role switch
    {
        ProcessRole.Service => process.Service!,
        ProcessRole.ServiceWrapper => "the services' `dotnet run` wrappers",
        ProcessRole.AppHost => "AppHost",
        ProcessRole.AppHostWrapper => "the AppHost's `dotnet run`",
        ProcessRole.Dcp => "DCP",
        ProcessRole.Dashboard => "Aspire dashboard",
        _ => "other: " + process.Process.Program,
    };

    private static int Report(MemorySamples samples, FootprintOptions options, long started)
    {
        Console.WriteLine($"{samples.Count} samples, the last at {Stopwatch.GetElapsedTime(started).TotalSeconds:N0} s after start; MiB = VmRSS kB / 1024");
        var absent = s_services.Where(s => samples.Seen(s) == 0).ToList();
        var rows = new List<string[]>();
        var total = MemoryFigures.Zero;
        foreach (var service in s_services.Except(absent))
        {
            var median = samples.Median(service);
            var (min, max) = samples.RssRange(service);
            total += median;
            rows.Add([service, string.Join(" → ", samples.Pids(service)), Mib(median.RssKb), $"{Mib(min)}–{Mib(max)}",
                Mib(median.AnonKb), Mib(median.FileKb), Mib(median.ShmemKb), $"{samples.Seen(service)}/{samples.Count}"]);
        }

        rows.Add(["**total**", "", $"**{Mib(total.RssKb)}**", "", Mib(total.AnonKb), Mib(total.FileKb), Mib(total.ShmemKb), ""]);
        Console.WriteLine($"\n{options.Configuration}, {options.Duration.TotalMinutes:0.#} min after start: median of each service's own process");
        Print(["service", "pid", "VmRSS MiB", "min–max", "RssAnon", "RssFile", "RssShmem", "samples"], rows);

        var information = new[] { "AppHost", "the AppHost's `dotnet run`", "DCP", "Aspire dashboard", "the services' `dotnet run` wrappers" }
            .Concat(samples.Groups().Where(g => g.StartsWith("other: ", StringComparison.Ordinal)))
            .Where(g => samples.Seen(g) > 0);
        Console.WriteLine("Information, not in the total:");
        Print(["process", "processes", "VmRSS MiB", "RssAnon", "RssFile", "RssShmem"],
            information.Select(g => samples.Median(g) is var m ? new[] { g, samples.Processes(g).ToString(), Mib(m.RssKb), Mib(m.AnonKb), Mib(m.FileKb), Mib(m.ShmemKb) } : []));

        if (absent.Count == 0) return 0;
        Console.Error.WriteLine($"footprint: no process found for {string.Join(", ", absent)}.");
        return 1;
    }

    private static async Task<int> StopAsync(AppHostProcess appHost, string root)
    {
        var killed = await appHost.StopAsync(s_services, TimeSpan.FromSeconds(90));
        foreach (var process in killed) Console.Error.WriteLine($"footprint: still running after 90 s, killed: {process}");

        // Anything of this checkout still running (not ours to kill if we never saw it: reported only).
        var strays = ProcFs.Snapshot()
            .Where(p => p.Pid != Environment.ProcessId && p.CommandLine.Any(arg => arg.Contains(Path.Combine(root, "CryptoViz."), StringComparison.Ordinal)))
            .ToList();
        foreach (var process in strays) Console.Error.WriteLine($"footprint: still running: {process.Pid} {process.Text}");
        if (killed.Count == 0 && strays.Count == 0) Console.WriteLine("stopped: no process of the AppHost's tree is left");
        return killed.Count > 0 || strays.Count > 0 ? 1 : 0;
    }

    private static void PrintSetup(FootprintOptions options, string root, string dataDirectory, string logPath)
    {
        Console.WriteLine($"footprint: {root}, {options.Configuration} build, {options.Duration.TotalMinutes:0.#} min, "
            + $"ports {string.Join(", ", options.AllPorts().Select(p => $"{p.Name} {p.Port}"))}, "
            + (options.BrowserPage is null ? "no browser" : $"a browser on Web's {options.BrowserPage}"));
        Console.WriteLine($"DuckDB data: {dataDirectory}{(options.DataDirectory is null ? " (fresh, deleted afterwards)" : "")}");
        Console.WriteLine($"AppHost output: {logPath}");
        Print(["service", "runtimeconfig.json (GC, JIT)"], s_services.Select(s => new[] { s, RuntimeSettings(root, options.Configuration, s) }));
    }

    /// <summary>The GC and JIT settings the build put in the service's runtimeconfig.json.</summary>
    private static string RuntimeSettings(string root, string configuration, string service)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Output(root, configuration, service, ".runtimeconfig.json")));
        var properties = json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var p)
            ? p.EnumerateObject().Where(o => o.Name.StartsWith("System.GC.", StringComparison.Ordinal) || o.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
                .Select(o => $"{o.Name.Replace("System.", "")}={o.Value.GetRawText()}")
            : [];
        return string.Join(", ", properties.DefaultIfEmpty("defaults"));
    }

    private static string? MissingBuild(string root, string configuration) =>
        new[] { "AppHost" }.Concat(s_services)
            .Select(name => Output(root, configuration, name, ".dll"))
            .FirstOrDefault(path => !File.Exists(path));

    private static string Output(string root, string configuration, string project, string extension) =>
        Path.Combine(root, $"CryptoViz.{project}", "bin", configuration, "net10.0", $"CryptoViz.{project}{extension}");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CryptoViz.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("CryptoViz.sln not found above the bench; pass --repo.");
    }

    private static string Mib(long kb) => N(kb / 1024.0);
}
