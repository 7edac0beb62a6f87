using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using CryptoViz.AppHost.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CryptoViz.AppHost.Supervision;

/// <summary>
/// Restarts a project that stops on its own, with exponential backoff and a cap, which Aspire does not do.
/// It watches resource states from outside: restarting from inside a stop handler made the handler fire
/// twice and left the resource "Waiting". A stop that went through "Stopping" (the dashboard's Stop,
/// AppHost shutdown) is deliberate and left alone.
/// </summary>
internal sealed class RestartSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService resourceLogs,
    SupervisorOptions options,
    TimeProvider time,
    ILogger<RestartSupervisor> logger) : BackgroundService
{
    private static readonly string?[] s_terminalStates =
        [KnownResourceStates.Finished, KnownResourceStates.Exited, KnownResourceStates.FailedToStart];

    private readonly ConcurrentDictionary<string, Supervised> _resources = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is ProjectResource) Observe(update, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Observe(ResourceEvent update, CancellationToken stoppingToken)
    {
        var supervised = _resources.GetOrAdd(update.ResourceId, _ => new Supervised());
        var state = update.Snapshot.State?.Text;
        var previous = supervised.LastState;
        supervised.LastState = state;

        if (state == KnownResourceStates.Running)
        {
            supervised.RunningSince = time.GetUtcNow();
            return;
        }

        if (state == KnownResourceStates.Stopping)
        {
            supervised.StoppedDeliberately = true;
            return;
        }

        if (!s_terminalStates.Contains(state) || previous == state || stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (supervised.StoppedDeliberately)
        {
            supervised.StoppedDeliberately = false;
            return;
        }

        // A run that lasted long enough counts as healthy: the next crash starts the backoff over.
        if (time.GetUtcNow() - supervised.RunningSince > options.StableAfter) supervised.Attempts = 0;
        var resourceLogger = resourceLogs.GetLogger(update.ResourceId);
        if (supervised.Attempts >= options.MaxAttempts)
        {
            AppHostLog.GivingUp(resourceLogger, update.ResourceId, supervised.Attempts);
            AppHostLog.GivingUp(logger, update.ResourceId, supervised.Attempts);
            return;
        }

        var attempt = ++supervised.Attempts;
        var delay = TimeSpan.FromTicks(Math.Min(options.InitialDelay.Ticks << (attempt - 1), options.MaxDelay.Ticks));
        AppHostLog.RestartScheduled(resourceLogger, update.ResourceId, update.Snapshot.ExitCode, attempt, delay);
        AppHostLog.RestartScheduled(logger, update.ResourceId, update.Snapshot.ExitCode, attempt, delay);
        _ = RestartAsync(update.ResourceId, attempt, delay, resourceLogger, stoppingToken);
    }

    private async Task RestartAsync(string resourceId, int attempt, TimeSpan delay, ILogger resourceLogger, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, ct);
            if (result.Success) AppHostLog.Restarted(resourceLogger, resourceId, attempt);
            else AppHostLog.RestartFailed(resourceLogger, resourceId, result.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private sealed class Supervised
    {
        public string? LastState { get; set; }

        public DateTimeOffset RunningSince { get; set; }

        public bool StoppedDeliberately { get; set; }

        public int Attempts { get; set; }
    }
}
