using System.Diagnostics;

namespace CryptoViz.Bench.Faults;

/// <summary>Sends a signal to one process, by its id, as <c>kill -s</c> does (.NET's Process only knows SIGKILL).</summary>
internal static class Signals
{
    public static void Send(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString()]) { RedirectStandardError = true })!;
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -s {signal} {pid}: {error.Trim()}");
    }
}
