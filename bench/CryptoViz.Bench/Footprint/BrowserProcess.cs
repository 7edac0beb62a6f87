using System.Diagnostics;

namespace CryptoViz.Bench.Footprint;

/// <summary>
/// A user watching: headless Chromium (Debian's, as the end-to-end tests use) with one Web page open, so that Web
/// holds a Blazor circuit as it does with a browser on it. In a process group of its own, ended as a whole.
/// </summary>
internal sealed class BrowserProcess : IDisposable
{
    private readonly Process _process;

    private BrowserProcess(Process process) => _process = process;

    public static BrowserProcess Start(string executable, Uri page, string profileDirectory)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--window-size=1400,900", $"--user-data-dir={profileDirectory}", page.ToString()])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.OutputDataReceived += (_, _) => { }; // drained, not kept: Chromium is talkative
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BrowserProcess(process);
    }

    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", "TERM", "--", $"-{_process.Id}"]));
            kill?.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10))) _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
