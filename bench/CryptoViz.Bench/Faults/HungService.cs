using System.Diagnostics;
using CryptoViz.Bench.Footprint;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// A service's own process is stopped with SIGSTOP: alive, holding its ports, files and consumer group, answering nothing.
/// Only a liveness probe that kills and restarts it recovers this; recovery is timed from the SIGSTOP. Without one, the bench
/// sends SIGCONT once the recovery timeout has passed.
/// </summary>
internal sealed class HungService(string service) : FaultScenario
{
    private ProcessEntry? _stopped;
    private DateTime _stoppedAt;

    public override string Name => $"{service} hung (SIGSTOP)";

    public override Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        _stopped = context.App.ServiceProcess(service) ?? throw new InvalidOperationException($"{service}'s process was not found");
        Signals.Send(_stopped.Pid, "STOP");
        _stoppedAt = DateTime.UtcNow;
        return Task.FromResult(new Injection($"SIGSTOP to {service}'s process (pid {_stopped.Pid}); recovery timed from it", _stoppedAt));
    }

    public override Task<string?> UndoAsync(FaultContext context, CancellationToken cancellationToken)
    {
        if (_stopped is null || !ProcFs.IsAlive(_stopped)) return Task.FromResult<string?>(null);
        Signals.Send(_stopped.Pid, "CONT");
        return Task.FromResult<string?>($"nothing restarted it: the bench sent SIGCONT {context.Since(_stoppedAt):N0} s after the SIGSTOP");
    }

    public override Task<string?> CheckAsync(FaultContext context, CancellationToken cancellationToken)
    {
        if (_stopped is null) return Task.FromResult<string?>(null);
        var now = context.App.ServiceProcess(service);
        if (now?.Pid == _stopped.Pid) return Task.FromResult<string?>($"{service} went on in the same process");
        if (!ProcFs.IsAlive(_stopped)) return Task.FromResult<string?>($"{service} replaced by pid {now?.Pid}; the stopped process is gone");

        // A replacement beside a stopped process that still holds its files: not ours to leave behind.
        using (var process = Process.GetProcessById(_stopped.Pid)) process.Kill();
        return Task.FromResult<string?>($"{service} replaced by pid {now?.Pid}, but the stopped process was left behind: the bench killed it");
    }
}
