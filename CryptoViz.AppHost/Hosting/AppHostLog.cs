using Microsoft.Extensions.Logging;

namespace CryptoViz.AppHost.Hosting;

internal static partial class AppHostLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Resource} is reachable on the LAN at {Url}")]
    public static partial void LanUrl(ILogger logger, string resource, string url);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Resource} stopped unexpectedly (exit code {ExitCode}); restart {Attempt} in {Delay}")]
    public static partial void RestartScheduled(ILogger logger, string resource, int? exitCode, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Resource} restarted by the supervisor (attempt {Attempt})")]
    public static partial void Restarted(ILogger logger, string resource, int attempt);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "{Resource} crashed {Attempts} times in a row; the supervisor gives up. Start it from the dashboard once fixed.")]
    public static partial void GivingUp(ILogger logger, string resource, int attempts);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Restarting {Resource} failed: {Reason}")]
    public static partial void RestartFailed(ILogger logger, string resource, string? reason);
}
