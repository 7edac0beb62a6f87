using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.Hosting.Services;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Hosting.Supervision;

/// <summary>
/// Restarts a project that stops on its own, with exponential backoff and a cap (<see cref="RestartPolicy"/>), and kills one
/// that hangs (<see cref="LivenessProbe"/>) so that it restarts the same way; Aspire does neither. It watches resource states
/// from outside: restarting from inside a stop handler made the handler fire twice and left the resource "Waiting". A stop
/// that went through "Stopping" (the dashboard's Stop, AppHost shutdown) is deliberate and left alone.
/// </summary>
internal sealed class RestartSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    IOptions<SupervisorOptions> options,
    TimeProvider time,
    ILogger<RestartSupervisor> logger) : BackgroundService
{
    private const string PidProperty = "executable.pid";

    private static readonly string?[] s_terminalStates =
        [KnownResourceStates.Finished, KnownResourceStates.Exited, KnownResourceStates.FailedToStart];

    private readonly SupervisorOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Supervised> _resources = new();

    // The probe's own timeout applies; HttpClient's default of 100 s would only get in its way.
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is ProjectResource project) Observe(update, project, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Observe(ResourceEvent update, ProjectResource project, CancellationToken stoppingToken)
    {
        var supervised = _resources.GetOrAdd(update.ResourceId, _ => new Supervised(new RestartPolicy(_options, time)));
        var state = update.Snapshot.State?.Text;
        lock (supervised.Lock)
        {
            var previous = supervised.LastState;
            supervised.LastState = state;
            supervised.Pid = PidOf(update.Snapshot) ?? supervised.Pid;
            if (state != KnownResourceStates.Running) supervised.StopProbing();

            if (state == KnownResourceStates.Running)
            {
                supervised.Policy.Running();
                if (previous != state) StartProbing(supervised, project, update, stoppingToken);
            }
            else if (state == KnownResourceStates.Starting)
            {
                supervised.Policy.Starting();
            }
            else if (state == KnownResourceStates.Stopping)
            {
                supervised.Policy.Stopping();
            }
            else if (s_terminalStates.Contains(state) && previous != state && !stoppingToken.IsCancellationRequested)
            {
                var decision = supervised.Policy.Stopped();
                if (decision.Action == RestartAction.Restart)
                {
                    var resourceLogger = resourceLogs.GetLogger(update.ResourceId);
                    AppHostLog.RestartScheduled(resourceLogger, update.ResourceId, update.Snapshot.ExitCode, decision.Attempt, decision.Delay);
                    AppHostLog.RestartScheduled(logger, update.ResourceId, update.Snapshot.ExitCode, decision.Attempt, decision.Delay);
                }

                Act(supervised, update.ResourceId, decision, stoppingToken);
            }
        }
    }

    private void Act(Supervised supervised, string resourceId, RestartDecision decision, CancellationToken stoppingToken)
    {
        if (decision.Action == RestartAction.Restart)
        {
            _ = RestartAsync(supervised, resourceId, decision, stoppingToken);
        }
        else if (decision.Action == RestartAction.GiveUp)
        {
            AppHostLog.GivingUp(resourceLogs.GetLogger(resourceId), resourceId, decision.Attempt);
            AppHostLog.GivingUp(logger, resourceId, decision.Attempt);
        }
    }

    private async Task RestartAsync(Supervised supervised, string resourceId, RestartDecision decision, CancellationToken ct)
    {
        try
        {
            await Task.Delay(decision.Delay, time, ct);
            lock (supervised.Lock)
            {
                if (!supervised.Policy.BeginRestart()) return;
            }

            var resourceLogger = resourceLogs.GetLogger(resourceId);
            if (await StartAsync(resourceId, ct) is not { } failure)
            {
                AppHostLog.Restarted(resourceLogger, resourceId, decision.Attempt);
                return;
            }

            AppHostLog.RestartFailed(resourceLogger, resourceId, failure);
            AppHostLog.RestartFailed(logger, resourceId, failure);
            lock (supervised.Lock)
            {
                var next = supervised.Policy.StartFailed();
                if (next.Action == RestartAction.Restart)
                {
                    AppHostLog.RetryScheduled(resourceLogger, resourceId, next.Attempt, next.Delay);
                    AppHostLog.RetryScheduled(logger, resourceId, next.Attempt, next.Delay);
                }

                Act(supervised, resourceId, next, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <returns>Why the Start command failed, or null when it succeeded.</returns>
    private async Task<string?> StartAsync(string resourceId, CancellationToken ct)
    {
        try
        {
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            return result.Success ? null : result.Message ?? "the Start command failed";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    private void StartProbing(Supervised supervised, ProjectResource project, ResourceEvent update, CancellationToken stoppingToken)
    {
        var endpoint = project.GetEndpoint("http");
        if (!_options.ProbeLiveness || !endpoint.Exists || !endpoint.IsAllocated) return;

        var alive = ReplicaUrl.For(update.Snapshot, project, Extensions.AlivenessEndpointPath);
        var probing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        supervised.Probing = probing;
        _ = KillWhenHungAsync(supervised, update.ResourceId, alive, probing.Token);
    }

    private async Task KillWhenHungAsync(Supervised supervised, string resourceId, Uri alive, CancellationToken ct)
    {
        try
        {
            var resourceLogger = resourceLogs.GetLogger(resourceId);
            var failures = await new LivenessProbe(_http, _options, time).UntilHungAsync(resourceId, alive, resourceLogger, ct);
            int? pid;
            lock (supervised.Lock)
            {
                pid = supervised.Pid;
            }

            if (pid is not { } id)
            {
                AppHostLog.HungWithoutProcess(resourceLogger, resourceId, failures);
                AppHostLog.HungWithoutProcess(logger, resourceId, failures);
                return;
            }

            AppHostLog.KillingHung(resourceLogger, resourceId, failures, id);
            AppHostLog.KillingHung(logger, resourceId, failures, id);
            Kill(id);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    // The pid is the process DCP started (`dotnet run` or the service itself): the whole tree goes, as a crash would take it,
    // and DCP reports the exit that the restart follows. SIGKILL also ends a stopped (SIGSTOP) process.
    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // It exited meanwhile; its exit is reported like any other.
        }
    }

    private static int? PidOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value is { } value
        && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var pid) ? pid : null;

    private sealed class Supervised(RestartPolicy policy)
    {
        public Lock Lock { get; } = new();

        public RestartPolicy Policy { get; } = policy;

        public string? LastState { get; set; }

        public int? Pid { get; set; }

        public CancellationTokenSource? Probing { get; set; }

        public void StopProbing()
        {
            Probing?.Cancel();
            Probing?.Dispose();
            Probing = null;
        }
    }
}
