using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Ingest.Services;

/// <summary>
/// The consume loop: <c>crypto-raw-data</c> and <c>crypto-candles</c> → <see cref="IngestBatchWriter"/> → DuckDB. Runs on its own
/// thread because <c>Consume</c> blocks. Offsets are stored only after their batch is committed and are
/// sent to the broker by auto-commit and on <c>Close()</c>: at-least-once delivery, exactly-once rows.
/// </summary>
public sealed class IngestWorker(
    IConsumer<string, byte[]> consumer,
    IngestBatchWriter writer,
    ILogger<IngestWorker> logger) : BackgroundService
{
    private static readonly TimeSpan s_idlePoll = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_shutdownGrace = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        consumer.Subscribe([Topics.RawData, Topics.Candles]);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    writer.Offer(consumer.Consume(writer.TimeUntilDue(s_idlePoll)), consumer, stoppingToken);
                }
                catch (ConsumeException ex)
                {
                    IngestLog.ConsumeError(logger, ex.Error.Reason);
                }
            }

            // What is pending gets a last chance to be stored; a batch that cannot be (its dead letters refused, the
            // database down) is given up after the grace, its offsets unstored: the next start consumes it again.
            using var grace = new CancellationTokenSource(s_shutdownGrace);
            writer.Submit(consumer, grace.Token);
            writer.Drain();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            IngestLog.PendingGivenUp(logger);
        }
        finally
        {
            // Commits the stored offsets and leaves the group at once instead of after the session timeout.
            consumer.Close();
        }
    }
}
