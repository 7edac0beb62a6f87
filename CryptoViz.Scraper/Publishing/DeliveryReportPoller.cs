using System.Diagnostics;
using Confluent.Kafka;

namespace CryptoViz.Scraper.Publishing;

/// <summary>
/// Serves the producer's delivery reports while nobody publishes. The Scraper's producer runs without Confluent's
/// background poll thread: with it, librdkafka allocates each message on the publishing thread and frees it on the
/// poll thread, and the two contend for glibc's allocator lock on every message (a fifth of the replay benchmark's
/// CPU in futex calls). <see cref="PricePublisher"/> serves the reports on its own thread after each record; this
/// loop stands in only when publishing has paused, so reports (and the produce-latency histogram) are not held back.
/// </summary>
public sealed class DeliveryReportPoller(IProducer<string, byte[]> producer, PricePublisher publisher) : BackgroundService
{
    /// <summary>A publisher that polled this recently is serving its own reports.</summary>
    private static readonly TimeSpan s_busy = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan s_idlePoll = TimeSpan.FromMilliseconds(100);

    // Poll blocks, so the loop owns a dedicated thread.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Stopwatch.GetElapsedTime(publisher.LastPolled) < s_busy)
            {
                stoppingToken.WaitHandle.WaitOne(s_busy);
                continue;
            }

            producer.Poll(s_idlePoll);
        }
    }
}
