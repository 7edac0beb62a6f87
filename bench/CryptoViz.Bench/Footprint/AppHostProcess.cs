using System.Diagnostics;

namespace CryptoViz.Bench.Footprint;

/// <summary>
/// <c>dotnet run --project CryptoViz.AppHost --no-build -c &lt;configuration&gt;</c> from the repository root, as a user
/// starts it (the launch profile applies), in a process group of its own (<c>setsid</c>) so that one signal reaches
/// it and the AppHost as Ctrl+C would. Its output goes to a log file. Every process of its tree that was seen is
/// remembered, so that stopping can check that each one is gone, and end only those.
/// </summary>
internal sealed class AppHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Dictionary<int, ServiceProcess> _seen = [];

    private AppHostProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AppHostProcess Start(string repositoryRoot, string configuration, IEnumerable<string> appHostArguments, string logPath)
    {
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["dotnet", "run", "--project", "CryptoViz.AppHost", "--no-build", "-c", configuration, "--", .. appHostArguments])
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        log.WriteLine($"$ {string.Join(' ', start.ArgumentList)}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("setsid did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppHostProcess(process, log);
    }

    /// <summary>The tree as it is now; every process in it is remembered for <see cref="StopAsync"/>.</summary>
    public IReadOnlyList<ServiceProcess> Snapshot(IReadOnlyList<string> services)
    {
        var tree = AppHostTree.Find(ProcFs.Snapshot(), Pid, services);
        foreach (var process in tree) _seen.TryAdd(process.Process.Pid, process);
        return tree;
    }

    /// <summary>
    /// SIGINT to the process group (Ctrl+C), or SIGTERM (the same graceful stop for a .NET host) where SIGINT is ignored
    /// because this command was started in the background by a non-interactive shell, which the AppHost inherits. DCP
    /// then stops the services, the dashboard and itself. Whatever remembered process is still there after the timeout
    /// gets SIGKILL. Returns what had to be killed.
    /// </summary>
    public async Task<IReadOnlyList<string>> StopAsync(IReadOnlyList<string> services, TimeSpan timeout)
    {
        Snapshot(services);
        var killed = new List<string>();
        if (!_process.HasExited)
        {
            var signal = ProcFs.Ignores(Pid, ProcFs.SigInt) ? "TERM" : "INT";
            var why = signal == "TERM" ? " (SIGINT is ignored: inherited from a background shell)" : "";
            if (ProcFs.TryRead(Pid)?.ProcessGroup == Pid)
            {
                Console.WriteLine($"stopping the AppHost: SIG{signal} to process group {Pid}{why}");
                await SignalAsync(signal, $"-{Pid}");
            }
            else
            {
                // Not a group of its own after all (setsid forked): signal our dotnet run and the AppHost one by one.
                var targets = _seen.Values.Where(p => p.Role is ProcessRole.AppHostWrapper or ProcessRole.AppHost).Select(p => p.Process.Pid).ToList();
                Console.WriteLine($"stopping the AppHost: SIG{signal} to {string.Join(", ", targets)}{why}");
                foreach (var pid in targets) await SignalAsync(signal, pid.ToString());
            }
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && (!_process.HasExited || Remaining().Count > 0))
        {
            await Task.Delay(500);
        }

        foreach (var process in Remaining())
        {
            killed.Add($"{process.Role} {process.Process.Pid} ({process.Process.Text})");
            await SignalAsync("KILL", process.Process.Pid.ToString());
        }

        if (!_process.HasExited) _process.WaitForExit(TimeSpan.FromSeconds(10));
        return killed;
    }

    public void Dispose()
    {
        _process.Dispose();
        _log.Dispose();
    }

    private List<ServiceProcess> Remaining() => [.. _seen.Values.Where(p => ProcFs.IsAlive(p.Process))];

    private static async Task SignalAsync(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", target]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }
}
