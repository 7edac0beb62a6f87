using Aspire.Hosting.ApplicationModel;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// One scenario, measured: the raw topic's end offsets before the fault, the fault, the wait for recovery, and then what
/// Ingest stored of every valid message published from those offsets to the ones recovery waited for. A pipeline that does
/// not recover in time is helped (the scenario's own undo, then a restart of what is unhealthy) so that the next scenario
/// finds it whole, and the row says so.
/// </summary>
internal sealed class ScenarioRun(FaultContext context, RecoveryWatch watch)
{
    /// <summary>How long counting keeps asking while keys are missing after recovery, in case a batch is still in flight.</summary>
    private static readonly TimeSpan s_catchUp = TimeSpan.FromSeconds(30);

    public async Task<FaultRow> RunAsync(FaultScenario scenario, CancellationToken cancellationToken)
    {
        Console.WriteLine($"faults: {scenario.Name}");
        context.Logs.Mark($"scenario {scenario.Name}: start");
        var start = context.Raw.Watermarks().Select(w => w.High).ToArray();
        var (scraperUndelivered, loadUndelivered) = (context.Logs.ScraperUndelivered, context.Load?.Undelivered ?? 0);
        Injection injection;
        try
        {
            injection = await scenario.InjectAsync(context, cancellationToken);
        }
        catch (ScenarioSkippedException e)
        {
            Console.WriteLine($"faults: {scenario.Name} skipped: {e.Message}");
            return FaultRow.Skipped(scenario.Name, e.Message);
        }

        context.Logs.Mark($"scenario {scenario.Name}: injected, ended: {injection.What}");
        Console.WriteLine($"faults: {scenario.Name}: {injection.What}");
        var timeout = context.Options.RecoverTimeout;
        var notes = new List<string>();
        var recovery = await watch.WaitAsync(start, injection.EndedAt, timeout, cancellationToken);
        var recovered = recovery.At is { } at ? N((at - injection.EndedAt).TotalSeconds, "N1") : $"not within {timeout.TotalSeconds:N0} s";
        if (recovery.At is null)
        {
            notes.Add($"not recovered within {timeout.TotalSeconds:N0} s ({string.Join(", ", recovery.NotHealthy)})");
            recovery = await HelpAsync(scenario, start, notes, cancellationToken);
        }

        if (await scenario.CheckAsync(context, cancellationToken) is { } check) notes.Add(check);
        var count = await CountAsync(start, recovery.End, notes, cancellationToken);
        scraperUndelivered = context.Logs.ScraperUndelivered - scraperUndelivered;
        loadUndelivered = (context.Load?.Undelivered ?? 0) - loadUndelivered;
        if (scraperUndelivered + loadUndelivered > 0)
        {
            notes.Add($"never reached the broker, so not published: {scraperUndelivered} Scraper records, {loadUndelivered} of the bench's load");
        }

        context.Logs.Mark($"scenario {scenario.Name}: done, recovered {recovered}, {count}");
        var row = new FaultRow(scenario.Name, injection.What, count, recovered, notes);
        Console.WriteLine($"faults: {string.Join(" | ", row.Cells())}");
        return row;
    }

    private async Task<Recovery> HelpAsync(FaultScenario scenario, long[] start, List<string> notes, CancellationToken cancellationToken)
    {
        var timeout = context.Options.RecoverTimeout;
        var undone = DateTime.UtcNow;
        if (await scenario.UndoAsync(context, cancellationToken) is { } undo)
        {
            notes.Add(undo);
            var afterUndo = await watch.WaitAsync(start, undone, timeout, cancellationToken);
            if (afterUndo.At is { } at)
            {
                notes.Add($"recovered {N((at - undone).TotalSeconds, "N1")} s after that");
                return afterUndo;
            }
        }

        var restarted = DateTime.UtcNow;
        var projects = context.App.NotHealthy().Select(r => r.Name).Where(context.App.IsProject).ToList();
        foreach (var project in projects)
        {
            await context.App.ExecuteCommandAsync(project, KnownResourceCommands.RestartCommand, cancellationToken);
        }

        notes.Add($"the bench restarted {(projects.Count > 0 ? string.Join(", ", projects) : "nothing (no project unhealthy)")}");
        var afterRestart = await watch.WaitAsync(start, restarted, timeout, cancellationToken);
        notes.Add(afterRestart.At is { } then
            ? $"recovered {N((then - restarted).TotalSeconds, "N1")} s after the restart"
            : $"still not recovered {timeout.TotalSeconds:N0} s after the restart ({string.Join(", ", afterRestart.NotHealthy)}): counted as it stands");
        return afterRestart;
    }

    private async Task<TickCount> CountAsync(long[] start, long[] end, List<string> notes, CancellationToken cancellationToken)
    {
        var messages = context.Raw.Between(start, end);
        var published = messages.Select(m => m.Tick).OfType<PublishedTick>().ToList();
        var deadline = DateTime.UtcNow + s_catchUp;
        var count = await context.Store.CountAsync(published, cancellationToken);
        while (count.Lost > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            count = await context.Store.CountAsync(published, cancellationToken);
        }

        if (messages.Count(m => m.Tick is null) is var invalid and > 0) notes.Add($"{invalid} invalid messages in the window (not counted)");
        var evicted = context.Raw.Watermarks().Select((w, p) => w.Low > start[p]).Any(e => e);
        if (evicted) notes.Add("the broker has evicted part of the window (its ~5 MiB per partition): Ingest may not have read it");
        return count;
    }
}
