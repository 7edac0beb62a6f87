using System.Globalization;

namespace CryptoViz.Bench.Footprint;

/// <summary>Reads processes from /proc. A process may end between two reads: every read returns null then.</summary>
internal static class ProcFs
{
    public const int SigInt = 2;

    public static IReadOnlyList<ProcessEntry> Snapshot() =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? TryRead(pid) : null)
            .OfType<ProcessEntry>(),
    ];

    public static ProcessEntry? TryRead(int pid)
    {
        try
        {
            // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
            //  priority nice threads itrealvalue starttime …"; comm may hold spaces and parentheses, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return new ProcessEntry(pid, Int(fields[1]), Int(fields[2]), long.Parse(fields[19], CultureInfo.InvariantCulture), commandLine);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True while the same process (not a later one with its pid) runs.</summary>
    public static bool IsAlive(ProcessEntry process) => TryRead(process.Pid) is { } now && now.StartTicks == process.StartTicks;

    public static MemoryFigures? TryReadMemory(int pid)
    {
        var status = TryReadStatus(pid);
        if (status is null || !status.TryGetValue("VmRSS", out var rss)) return null; // gone, or a zombie
        return new MemoryFigures(Kb(rss), Kb(status.GetValueOrDefault("RssAnon")), Kb(status.GetValueOrDefault("RssFile")),
            Kb(status.GetValueOrDefault("RssShmem")));
    }

    /// <summary>A signal ignored since the process started (SigIgn), e.g. SIGINT for a job a non-interactive shell put in the background.</summary>
    public static bool Ignores(int pid, int signal) =>
        TryReadStatus(pid)?.GetValueOrDefault("SigIgn") is { } mask
        && (ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (signal - 1))) != 0;

    private static Dictionary<string, string>? TryReadStatus(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status")
                .Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static long Kb(string? value) => value is null ? 0 : long.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
}
