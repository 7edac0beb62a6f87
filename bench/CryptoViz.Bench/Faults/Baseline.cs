namespace CryptoViz.Bench.Faults;

/// <summary>No fault: what the counts say of a pipeline left alone, under the same load.</summary>
internal sealed class Baseline : FaultScenario
{
    public override string Name => "none (baseline)";

    public override async Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        await Task.Delay(context.Options.Baseline, cancellationToken);
        return new Injection($"nothing for {context.Options.Baseline.TotalSeconds:N0} s", DateTime.UtcNow);
    }
}
