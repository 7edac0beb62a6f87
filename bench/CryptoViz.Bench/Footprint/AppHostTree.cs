namespace CryptoViz.Bench.Footprint;

/// <summary>
/// The processes one AppHost run owns, found in a /proc snapshot: the <c>dotnet run</c> we started and its
/// descendants (the AppHost), and DCP, which is no descendant (it detaches into a session of its own) but is started
/// with <c>--monitor &lt;AppHost pid&gt;</c>, with everything it starts: the dashboard, and per service a
/// <c>dotnet run</c> wrapper whose child is the service's own process.
/// </summary>
internal static class AppHostTree
{
    public static IReadOnlyList<ServiceProcess> Find(IReadOnlyList<ProcessEntry> snapshot, int wrapperPid, IReadOnlyList<string> services)
    {
        var children = snapshot.ToLookup(p => p.ParentPid);
        var wrapper = snapshot.FirstOrDefault(p => p.Pid == wrapperPid);
        if (wrapper is null) return [];

        var owned = Descendants(wrapper, children).ToList();
        var appHosts = owned.Where(p => p.Runs("CryptoViz.AppHost") && !p.IsDotnetRun).Select(p => p.Pid.ToString()).ToHashSet();
        foreach (var dcp in snapshot.Where(p => p.Program == "dcp" && MonitorsOneOf(p, appHosts)))
        {
            owned.AddRange(Descendants(dcp, children));
        }

        return [.. owned.DistinctBy(p => p.Pid).Select(p => Classify(p, wrapperPid, services))];
    }

    private static ServiceProcess Classify(ProcessEntry process, int wrapperPid, IReadOnlyList<string> services)
    {
        if (process.Pid == wrapperPid) return new(process, ProcessRole.AppHostWrapper, null);
        var service = services.FirstOrDefault(s => process.CommandLine.Any(arg => arg.Contains("CryptoViz." + s, StringComparison.Ordinal)));
        if (process.IsDotnetRun) return new(process, service is null ? ProcessRole.Other : ProcessRole.ServiceWrapper, service);
        if (service is not null && process.Runs("CryptoViz." + service)) return new(process, ProcessRole.Service, service);
        if (process.Runs("CryptoViz.AppHost")) return new(process, ProcessRole.AppHost, null);
        if (process.Program == "dcp") return new(process, ProcessRole.Dcp, null);
        if (process.Runs("Aspire.Dashboard")) return new(process, ProcessRole.Dashboard, null);
        return new(process, ProcessRole.Other, null);
    }

    private static bool MonitorsOneOf(ProcessEntry dcp, HashSet<string> pids)
    {
        var index = Array.IndexOf(dcp.CommandLine, "--monitor");
        return index >= 0 && index + 1 < dcp.CommandLine.Length && pids.Contains(dcp.CommandLine[index + 1]);
    }

    private static IEnumerable<ProcessEntry> Descendants(ProcessEntry root, ILookup<int, ProcessEntry> children)
    {
        var pending = new Stack<ProcessEntry>([root]);
        while (pending.TryPop(out var process))
        {
            yield return process;
            foreach (var child in children[process.Pid]) pending.Push(child);
        }
    }
}
