using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CryptoViz.Tests.Support;

/// <summary>
/// The real, built Ingest (<c>dotnet CryptoViz.Ingest.dll</c>) as a child process, so that a test can
/// SIGKILL it. It reads the counts of Ingest's "Stored … records" debug line from the child's console.
/// A watchdog (<c>sh</c> blocked on a pipe from the test process) SIGKILLs the child when the test
/// process dies in any way, so that no orphan keeps the DuckDB file locked or retries a dead broker forever.
/// </summary>
public sealed partial class IngestProcess : IDisposable
{
    private readonly Process _process;
    private readonly Process _watchdog;
    private readonly ConcurrentQueue<string> _tail = new();
    private long _stored;
    private long _duplicates;

    private IngestProcess(IReadOnlyDictionary<string, string> environment)
    {
        var directory = OutputDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory, // the content root: appsettings.json is read from here
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "CryptoViz.Ingest.dll"));
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__CryptoViz.Ingest.Services.IngestBatchWriter"] = "Debug";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // $0 is the child's pid; cat returns when the last writer of its stdin (this process) is gone.
        var watchdog = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "cat >/dev/null; kill -9 \"$0\" 2>/dev/null", _process.Id.ToString() }) watchdog.ArgumentList.Add(arg);
        _watchdog = Process.Start(watchdog)!;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Rows the child reported as newly stored (log lines already flushed to its console).</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Redelivered records the child reported as dropped by the natural key.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>The last lines of the child's console, for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _tail);

    public static IngestProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    /// <summary>SIGKILL: no shutdown hook, no consumer close, no final commit, no DuckDB checkpoint.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>SIGTERM, which the .NET host turns into a graceful shutdown; waits for the exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using (var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Id.ToString() }, UseShellExecute = false })!)
        {
            await term.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        // Closing the pipe ends the watchdog's cat; its kill then finds no process (or a zombie-free pid).
        _watchdog.StandardInput.Close();
        _watchdog.WaitForExit(TimeSpan.FromSeconds(10));
        _watchdog.Dispose();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _tail.Enqueue(line);
        while (_tail.Count > 200) _tail.TryDequeue(out _);
        if (StoredLine().Match(line) is { Success: true } match)
        {
            Interlocked.Add(ref _stored, long.Parse(match.Groups["stored"].Value));
            Interlocked.Add(ref _duplicates, long.Parse(match.Groups["duplicates"].Value));
        }
    }

    // CryptoViz.Ingest/bin/<Configuration>/net10.0 beside this test assembly's CryptoViz.Tests/bin/<Configuration>/net10.0:
    // Ingest's own output, with its appsettings.json and deps.json (the copy in the test folder has neither).
    private static string OutputDirectory()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = tests.Name;
        var configuration = tests.Parent!.Name;
        var repository = tests.Parent.Parent!.Parent!.Parent!.FullName;
        var ingest = Path.Combine(repository, "CryptoViz.Ingest", "bin", configuration, framework);
        return File.Exists(Path.Combine(ingest, "CryptoViz.Ingest.dll"))
            ? ingest
            : throw new FileNotFoundException($"Build CryptoViz.Ingest first: no CryptoViz.Ingest.dll in {ingest}");
    }

    [GeneratedRegex(@"Stored (?<stored>\d+) of (?<received>\d+) records \((?<duplicates>\d+) duplicates\)")]
    private static partial Regex StoredLine();
}
