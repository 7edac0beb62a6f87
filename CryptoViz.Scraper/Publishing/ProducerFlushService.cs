using Confluent.Kafka;

namespace CryptoViz.Scraper.Publishing;

/// <summary>On shutdown, waits for messages still in the producer's queue so a clean stop loses nothing.</summary>
public sealed class ProducerFlushService(IProducer<string, byte[]> producer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.Run(() => producer.Flush(cancellationToken), CancellationToken.None);
}
