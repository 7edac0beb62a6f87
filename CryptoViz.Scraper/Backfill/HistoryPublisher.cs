using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>
/// Puts a history page on <see cref="Topics.Candles"/> under the series' key and waits for the broker's acknowledgement:
/// a page counts as filled only once it is in the log.
/// </summary>
public sealed class HistoryPublisher(IProducer<string, byte[]> producer, ScraperTelemetry telemetry, TimeProvider time, ILogger<HistoryPublisher> logger)
{
    /// <returns>False when the page was rejected before publishing (logged and counted); a failed delivery throws.</returns>
    public async Task<bool> PublishAsync(CandleBatch page, CancellationToken cancellationToken)
    {
        using var activity = ScraperTelemetry.Source.StartActivity("history page");
        activity?.SetTag("crypto.symbol", page.Symbol);
        activity?.SetTag("crypto.source", page.Source);
        activity?.SetTag("cryptoviz.history.candles", page.Candles.Count);
        if (CandleBatchValidator.Validate(page, time.GetUtcNow().UtcDateTime) is { } reason)
        {
            telemetry.Rejected.Add(1, new("source", page.Source), new("reason", reason));
            ScraperLog.HistoryRejected(logger, page.Symbol, page.Source, page.From, page.To, reason);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, reason);
            return false;
        }

        var message = new Message<string, byte[]>
        {
            Key = MessageKey.For(page.Symbol, page.Source),
            Value = JsonSerializer.SerializeToUtf8Bytes(page, CryptoVizJsonContext.Default.CandleBatch),
        };
        await producer.ProduceAsync(Topics.Candles, message, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
