using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CryptoViz.Scraper;

/// <summary>The Scraper's spans and counters, named after the service ("CryptoViz.Scraper").</summary>
public sealed class ScraperTelemetry
{
    public const string Name = "CryptoViz.Scraper";

    internal static readonly ActivitySource Source = new(Name);

    public ScraperTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        Published = meter.CreateCounter<long>("cryptoviz.scraper.published", "{record}", "Records published (once per record, to every topic)");
        Rejected = meter.CreateCounter<long>("cryptoviz.scraper.rejected", "{record}", "Records rejected before publishing, by source and reason");
        Fetches = meter.CreateCounter<long>("cryptoviz.scraper.fetches", "{call}", "Calls to a real provider, by source and outcome");
        FetchDuration = meter.CreateHistogram<double>("cryptoviz.scraper.fetch.duration", "s", "Time of a call to a real provider, retries included");
        StreamConnections = meter.CreateCounter<long>("cryptoviz.scraper.stream.connections", "{connection}", "WebSocket connections to a streaming provider, by source and outcome (connected, ended)");
        StreamMessages = meter.CreateCounter<long>("cryptoviz.scraper.stream.messages", "{message}", "Frames from a streaming provider, by source and kind");
        LastSuccess = meter.CreateGauge<long>("cryptoviz.scraper.last_success", "s", "Unix time of a provider's last call that brought a valid quote");
        ProduceDuration = meter.CreateHistogram<double>("cryptoviz.scraper.produce.duration", "s", "From handing a message to the producer to the broker's acknowledgement",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        DeliveryFailures = meter.CreateCounter<long>("cryptoviz.scraper.delivery_failures", "{message}", "Messages the broker did not acknowledge");
    }

    public Counter<long> Published { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> DeliveryFailures { get; }

    public Histogram<double> ProduceDuration { get; }

    public Counter<long> Fetches { get; }

    public Histogram<double> FetchDuration { get; }

    public Gauge<long> LastSuccess { get; }

    public Counter<long> StreamConnections { get; }

    public Counter<long> StreamMessages { get; }
}
