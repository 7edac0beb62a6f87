namespace CryptoViz.Bench.Footprint;

/// <summary>
/// The samples of one run: per sample and per group (a service, or an informational group such as DCP), the summed
/// memory of its processes and their pids.
/// </summary>
internal sealed class MemorySamples
{
    private readonly List<Dictionary<string, (MemoryFigures Memory, List<int> Pids)>> _samples = [];

    public int Count => _samples.Count;

    public void Add(IEnumerable<(string Group, int Pid, MemoryFigures Memory)> processes)
    {
        var sample = new Dictionary<string, (MemoryFigures Memory, List<int> Pids)>();
        foreach (var (group, pid, memory) in processes)
        {
            var (sum, pids) = sample.GetValueOrDefault(group, (MemoryFigures.Zero, []));
            pids.Add(pid);
            sample[group] = (sum + memory, pids);
        }

        _samples.Add(sample);
    }

    public IEnumerable<string> Groups() => _samples.SelectMany(s => s.Keys).Distinct();

    /// <summary>How many samples saw the group.</summary>
    public int Seen(string group) => _samples.Count(s => s.ContainsKey(group));

    /// <summary>The median of each figure over the samples that saw the group.</summary>
    public MemoryFigures Median(string group)
    {
        var seen = Of(group).ToList();
        return new MemoryFigures(
            (long)CryptoViz.Bench.Median.Of(seen.Select(m => (double)m.RssKb)),
            (long)CryptoViz.Bench.Median.Of(seen.Select(m => (double)m.AnonKb)),
            (long)CryptoViz.Bench.Median.Of(seen.Select(m => (double)m.FileKb)),
            (long)CryptoViz.Bench.Median.Of(seen.Select(m => (double)m.ShmemKb)));
    }

    public (long Min, long Max) RssRange(string group) => (Of(group).Min(m => m.RssKb), Of(group).Max(m => m.RssKb));

    /// <summary>The pids seen, in order: more than one per service means it was restarted during the window.</summary>
    public IReadOnlyList<int> Pids(string group) =>
        [.. _samples.Where(s => s.ContainsKey(group)).SelectMany(s => s[group].Pids).Distinct()];

    /// <summary>The most processes the group had in one sample.</summary>
    public int Processes(string group) => _samples.Where(s => s.ContainsKey(group)).Select(s => s[group].Pids.Count).DefaultIfEmpty().Max();

    private IEnumerable<MemoryFigures> Of(string group) => _samples.Where(s => s.ContainsKey(group)).Select(s => s[group].Memory);
}
