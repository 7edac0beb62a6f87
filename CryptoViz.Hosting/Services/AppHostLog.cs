using Microsoft.Extensions.Logging;

namespace CryptoViz.Hosting.Services;

internal static partial class AppHostLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Resource} is reachable on the LAN at {Url}")]
    public static partial void LanUrl(ILogger logger, string resource, string url);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Resource} stopped unexpectedly (exit code {ExitCode}); restart {Attempt} in {Delay}")]
    public static partial void RestartScheduled(ILogger logger, string resource, int? exitCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Resource} restarted by the supervisor (attempt {Attempt})")]
    public static partial void Restarted(ILogger logger, string resource, int attempt);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "{Resource} failed {Attempts} restarts in a row; the supervisor gives up. Start it from the dashboard once fixed.")]
    public static partial void GivingUp(ILogger logger, string resource, int attempts);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Restarting {Resource} failed: {Reason}")]
    public static partial void RestartFailed(ILogger logger, string resource, string? reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "{Resource} failed its liveness probe {Path} ({Reason}): {Failures} of {Threshold} in a row")]
    public static partial void LivenessProbeFailed(ILogger logger, string resource, string path, string reason, int failures, int threshold);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "{Resource} is hung ({Failures} liveness probes failed in a row); the supervisor kills process {Pid} to restart it")]
    public static partial void KillingHung(ILogger logger, string resource, int failures, int pid);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "{Resource} is hung ({Failures} liveness probes failed in a row) but reports no process to kill; stop and start it from the dashboard")]
    public static partial void HungWithoutProcess(ILogger logger, string resource, int failures);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "{Resource}: restart {Attempt} in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, string resource, int attempt, TimeSpan delay);
}
