namespace CryptoViz.Bench.Footprint;

/// <summary>
/// A process's resident memory from <c>/proc/&lt;pid&gt;/status</c>, in KiB: VmRSS = RssAnon (heaps, stacks) + RssFile
/// (mapped files: the runtime, the assemblies, native libraries) + RssShmem (shared memory: the runtime's
/// double-mapped executable memory for JIT code and stubs).
/// </summary>
internal sealed record MemoryFigures(long RssKb, long AnonKb, long FileKb, long ShmemKb)
{
    public static readonly MemoryFigures Zero = new(0, 0, 0, 0);

    public static MemoryFigures operator +(MemoryFigures a, MemoryFigures b) =>
        new(a.RssKb + b.RssKb, a.AnonKb + b.AnonKb, a.FileKb + b.FileKb, a.ShmemKb + b.ShmemKb);
}
