using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Publishing;

/// <summary>
/// On stop, gives the broker up to <see cref="ScraperOptions.StopFlushTimeout"/> to take what the producer still holds.
/// The flush runs once every hosted service has stopped (<see cref="IHostedLifecycleService.StoppedAsync"/>), so no
/// worker or backfill adds to the queue while it drains, whatever the services' registration order. It is bounded
/// because the orchestrator kills a service that takes longer than about ten seconds to stop (Aspire's DCP), and the
/// host's own timeout (30 s) is longer than that; what is left is logged and not sent (README.md, Faults, says what that costs).
/// </summary>
public sealed class ProducerFlushService(IProducer<string, byte[]> producer, IOptions<ScraperOptions> options, ILogger<ProducerFlushService> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly Lock _gate = new();
    private bool _disposed;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Flush blocks for up to the bound: off the caller's thread.
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.Run(Flush, CancellationToken.None);

    /// <summary>
    /// The container disposes this before the producer it depends on: waiting here for a flush under way keeps the
    /// producer's native handle alive until the flush returns (a test server stops its host twice at once, and the
    /// first stop to finish disposes it).
    /// </summary>
    public void Dispose()
    {
        lock (_gate) _disposed = true;
    }

    private void Flush()
    {
        var bound = options.Value.StopFlushTimeout;
        lock (_gate)
        {
            // Torn down by a stop that has flushed already.
            if (_disposed) return;
            try
            {
                var queued = producer.Flush(bound);
                if (queued > 0) ScraperLog.FlushIncomplete(logger, queued, bound);
            }
            catch (ObjectDisposedException)
            {
                ScraperLog.FlushProducerDisposed(logger);
            }
            catch (KafkaException ex)
            {
                ScraperLog.FlushFailed(logger, ex.Error.Code, ex);
            }
        }
    }
}
