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
        DeliveryFailures = meter.CreateCounter<long>("cryptoviz.scraper.delivery_failures", "{message}", "Messages the broker did not acknowledge");
    }

    public Counter<long> Published { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> DeliveryFailures { get; }
}
