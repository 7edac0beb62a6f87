using Microsoft.Extensions.Logging;

namespace CryptoViz.Hosting.Publishing;

internal static partial class PublishLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Environment}: wrote {Path}")]
    public static partial void Wrote(ILogger logger, string environment, string path);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "{Environment}: {Count} services published to {Directory}")]
    public static partial void Published(ILogger logger, string environment, int count, string directory);
}
