using System.Diagnostics;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// Ingest's own process (not the <c>dotnet run</c> DCP starts it through) gets SIGKILL while the load and the Scraper's
/// ticks flow: a crash with a batch possibly half stored. The AppHost's RestartSupervisor starts it again.
/// </summary>
internal sealed class KillIngest : FaultScenario
{
    private int _killed;

    public override string Name => "kill -9 Ingest under load";

    public override Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var ingest = context.App.ServiceProcess("ingest") ?? throw new InvalidOperationException("Ingest's process was not found");
        using (var process = Process.GetProcessById(ingest.Pid)) process.Kill();
        _killed = ingest.Pid;
        return Task.FromResult(new Injection(
            $"SIGKILL to Ingest's process (pid {ingest.Pid}), load {context.Options.LoadPerSecond}/s beside the Scraper's ticks", DateTime.UtcNow));
    }

    public override Task<string?> CheckAsync(FaultContext context, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(context.App.ServiceProcess("ingest") is { } now && now.Pid != _killed
            ? $"Ingest restarted by the AppHost's supervisor (pid {now.Pid})"
            : "Ingest's process is not a new one");
}
