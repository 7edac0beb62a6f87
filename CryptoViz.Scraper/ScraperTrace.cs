using Confluent.Kafka;

namespace CryptoViz.Scraper;

internal static partial class ScraperTrace
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Rejected {Symbol} from {Source}: {Reason}")]
    public static partial void Rejected(ILogger logger, string symbol, string source, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Broker did not take {Key} on {Topic}: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string key, string topic, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Simulated market started: {Coins} coins every {Interval}, seed {Seed}; records say source \"simulated\"")]
    public static partial void SimulatedStarted(ILogger logger, int coins, TimeSpan interval, int seed);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Publishing a tick failed; the next tick goes on")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Producer queue full; dropped {Key} for {Topic}")]
    public static partial void QueueFull(ILogger logger, string key, string topic, ErrorCode code);
}
