namespace CryptoViz.Bench.Faults;

/// <summary>One fault: injected into the running app model, then measured by <see cref="ScenarioRun"/>.</summary>
internal abstract class FaultScenario
{
    /// <summary>The table's first column.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Injects the fault and returns once it is over (or, for a fault that does not end by itself, once it is in place),
    /// saying what was done: recovery is timed from <see cref="Injection.EndedAt"/>.
    /// </summary>
    /// <exception cref="ScenarioSkippedException">The fault cannot be injected here.</exception>
    public abstract Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken);

    /// <summary>What the bench undoes when the pipeline has not recovered in time (so that later scenarios can run), as a note; null when nothing.</summary>
    public virtual Task<string?> UndoAsync(FaultContext context, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>What else the scenario promises once recovered (dead letters delivered, memory given back), as a note; null when nothing.</summary>
    public virtual Task<string?> CheckAsync(FaultContext context, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

internal sealed record Injection(string What, DateTime EndedAt);

internal sealed class ScenarioSkippedException(string reason) : Exception(reason);

/// <summary>What every scenario works with: the running model, the topics as read by the bench, and Ingest's store.</summary>
internal sealed record FaultContext(
    FaultOptions Options,
    FaultApp App,
    TopicTail<RawMessage> Raw,
    TopicTail<DeadLetter> DeadLetters,
    StoreLedger Store,
    DataDisk Disk,
    ServiceLogs Logs,
    TickLoad? Load)
{
    public double Since(DateTime start) => (DateTime.UtcNow - start).TotalSeconds;
}
