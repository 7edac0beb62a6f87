namespace CryptoViz.Web.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Pipeline page could not load {What}: {Reason}")]
    public static partial void LoadFailed(ILogger logger, string what, string reason);
}
