namespace CryptoViz.Stream.Apis;

public sealed class StreamServices(
    StreamHub hub,
    ConsumerState consumer,
    IOptions<StreamOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<StreamServices> logger)
{
    public StreamHub Hub { get; } = hub;

    public ConsumerState Consumer { get; } = consumer;

    public IOptions<StreamOptions> Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public IHostApplicationLifetime Lifetime { get; } = lifetime;

    public ILogger<StreamServices> Logger { get; } = logger;
}
