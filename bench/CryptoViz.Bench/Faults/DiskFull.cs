using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// The tmpfs that holds Ingest's DuckDB file is filled by a filler file until it refuses more, held full, then the filler
/// is deleted. Ingest's writer retries meanwhile, its offsets unstored; its own <c>/health</c> turns Degraded (which Aspire
/// counts as healthy) and Unhealthy after <c>Ingest:StuckAfter</c> (60 s).
/// </summary>
internal sealed class DiskFull(TimeSpan hold) : FaultScenario
{
    private const double MiB = 1024 * 1024;

    public override string Name => $"Ingest's disk full {hold.TotalSeconds:N0} s, then freed";

    public override async Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        if (context.Disk.CannotFill is { } reason) throw new ScenarioSkippedException(reason);
        using var ingest = context.App.CreateHttpClient("ingest");
        var (used, size) = context.Disk.Usage();
        var filler = context.Disk.Fill();
        var full = DateTime.UtcNow;
        string trail;
        try
        {
            trail = await OwnHealth.TrailAsync(ingest, full, full + hold, cancellationToken);
        }
        finally
        {
            context.Disk.Free();
        }

        return new Injection($"{N(size / MiB)} MiB tmpfs ({N(used / MiB, "N1")} MiB in use) filled with {N(filler / MiB, "N1")} MiB " +
                             $"for {hold.TotalSeconds:N0} s; Ingest's /health: {trail}", DateTime.UtcNow);
    }
}
