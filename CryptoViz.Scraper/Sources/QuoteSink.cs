using System.Collections.Concurrent;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources;

/// <summary>
/// Where every real provider's mapped quotes go: rejected items are logged and counted, a quote whose source event time
/// was published already is skipped, the rest is published. Shared by polled and pushed sources alike.
/// </summary>
public sealed class QuoteSink(PricePublisher publisher, ScraperTelemetry telemetry, ILogger<QuoteSink> logger)
{
    private readonly ConcurrentDictionary<string, DateTime> _lastPublished = new(StringComparer.Ordinal);

    public (long Published, long Unchanged, long Rejected) Publish(string source, PriceFetch fetch)
    {
        long published = 0, unchanged = 0, rejected = 0;
        foreach (var item in fetch.Rejected)
        {
            rejected++;
            Reject(source, item.Item, item.Reason, item.Detail is null ? item.Reason : $"{item.Reason} ({item.Detail})");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quote in fetch.Quotes)
        {
            var key = MessageKey.For(quote);
            if (!seen.Add(key))
            {
                rejected++;
                Reject(source, quote.Symbol, "duplicate symbol", "duplicate symbol in one response; the first (larger market cap) is kept");
                continue;
            }

            if (_lastPublished.TryGetValue(key, out var last) && last == quote.EventTime)
            {
                unchanged++;
                continue;
            }

            if (publisher.Publish(quote))
            {
                _lastPublished[key] = quote.EventTime;
                published++;
            }
            else
            {
                // Rejected by validation or refused by a full producer queue: either way not sent, so not remembered.
                rejected++;
            }
        }

        return (published, unchanged, rejected);
    }

    private void Reject(string source, string item, string reason, string detail)
    {
        telemetry.Rejected.Add(1, new("source", source), new("reason", reason));
        ScraperLog.Rejected(logger, item, source, detail);
    }
}
