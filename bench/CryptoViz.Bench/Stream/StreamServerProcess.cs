using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// The built CryptoViz.Stream in its own process, as it runs under the AppHost: Production environment,
/// embedded-mode consumer settings, its output in a log file (shown if it fails to start).
/// </summary>
internal sealed class StreamServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private StreamServerProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public string LogPath { get; }

    /// <summary>The CPU time the server has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <param name="environment">Runtime settings of this run on top of the defaults, e.g. <c>DOTNET_PROCESSOR_COUNT</c>.</param>
    public static StreamServerProcess Start(string dllPath, string bootstrap, string logPath,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [dllPath, "--urls", baseAddress.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(dllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__kafka"] = bootstrap;
        start.Environment["Aspire__Confluent__Kafka__Consumer__Config__FetchWaitMaxMs"] = "10";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT"); // no collector here: exporting would only add load
        start.Environment.Remove(SseClient.InlineCompletionsVariable); // the readers' setting, not Stream's
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new StreamServerProcess(process, log, baseAddress, logPath);
    }

    /// <summary>Stream's /health is 200 once the broker answers and its partitions are assigned at their ends.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Stream exited with {_process.ExitCode}; see {LogPath}.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Stream was not healthy within {timeout.TotalSeconds:N0} s; see {LogPath}.");
    }

    /// <summary>Next to the bench's own output: CryptoViz.Stream/bin/&lt;Configuration&gt;/net10.0.</summary>
    public static string LocateDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CryptoViz.sln"))) root = root.Parent;
        if (root is null) throw new DirectoryNotFoundException("CryptoViz.sln not found above the bench; pass --stream-dll.");
        return Path.Combine(root.FullName, "CryptoViz.Stream", "bin", configuration, output.Name, "CryptoViz.Stream.dll");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
