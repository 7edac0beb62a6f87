using System.Diagnostics;

namespace CryptoViz.Hosting.Kafka;

/// <summary>Asks docker, then podman, whether an engine answers (a client alone is not enough).</summary>
internal static class ContainerRuntimeProbe
{
    public static string? Answers()
    {
        var preferred = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = preferred is { Length: > 0 } ? [preferred] : ["docker", "podman"];
        return candidates.FirstOrDefault(EngineAnswers);
    }

    private static bool EngineAnswers(string runtime)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return false;
            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
