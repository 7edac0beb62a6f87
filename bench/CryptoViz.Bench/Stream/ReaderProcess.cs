using System.Diagnostics;
using System.Globalization;

namespace CryptoViz.Bench.Stream;

/// <summary>This bench started as <see cref="ReaderChild"/> for a share of a run's readers.</summary>
internal sealed class ReaderProcess : IDisposable
{
    private readonly Process _process;

    private ReaderProcess(Process process) => _process = process;

    /// <summary>Its CPU time so far; read while it runs.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ReaderProcess Start(IReadOnlyList<Uri> urls, int count, int first, int timedEvery)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(ReaderProcess).Assembly.Location, ReaderChild.Command,
            "--urls", string.Join(',', urls), "--clients", count.ToString(CultureInfo.InvariantCulture),
            "--first", first.ToString(CultureInfo.InvariantCulture), "--timed-every", timedEvery.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        return new ReaderProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <exception cref="TimeoutException">Its readers did not all connect.</exception>
    public async Task WaitConnectedAsync()
    {
        if (await _process.StandardOutput.ReadLineAsync() != "connected") throw new TimeoutException("A reader process's clients did not all connect.");
    }

    public void Open(long from) => _process.StandardInput.WriteLine($"open {from.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Stops its readers and adds their latencies to <paramref name="histogram"/>.</summary>
    /// <returns>The events its untimed readers counted.</returns>
    public async Task<long> StopAsync(LatencyHistogram histogram)
    {
        await _process.StandardInput.WriteLineAsync("stop");
        var polled = long.Parse((await _process.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
        await histogram.AddFromAsync(_process.StandardOutput);
        await _process.WaitForExitAsync();
        return polled;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
