using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CryptoViz.Scraper;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The Scraper's producer has no background poll thread: its delivery reports are served by the publishing thread
/// and, once publishing pauses, by <see cref="DeliveryReportPoller"/>. A lone record must still be reported.
/// </summary>
public sealed class DeliveryReportTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    [Fact]
    public async Task A_lone_record_is_reported_delivered_on_both_topics_without_another_publish()
    {
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?>());
        using var measurements = new Measurements(host, "cryptoviz.scraper.produce.duration", "cryptoviz.scraper.delivery_failures");

        Assert.True(host.Services.GetRequiredService<PricePublisher>().Publish(ScraperHost.Quote(host.ProducerId)));

        await host.UntilAsync(() => measurements.Of("cryptoviz.scraper.produce.duration") == 2, "both delivery reports");
        Assert.Equal(0, measurements.Of("cryptoviz.scraper.delivery_failures"));
    }

    [Fact]
    public async Task A_record_the_broker_never_takes_is_counted_and_logged_as_a_delivery_failure()
    {
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            // Nothing listens on port 1: the producer gives up on the message after its timeout.
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
            ["Aspire:Confluent:Kafka:Producer:Config:message.timeout.ms"] = "500",
        });
        using var measurements = new Measurements(host, "cryptoviz.scraper.delivery_failures");

        Assert.True(host.Services.GetRequiredService<PricePublisher>().Publish(ScraperHost.Quote(host.ProducerId)));

        // The failure is counted before it is logged: wait for both, or the second log line may not be written yet.
        await host.UntilAsync(() => measurements.Of("cryptoviz.scraper.delivery_failures") >= 2 && FailureLogs(host) >= 2,
            "two delivery failures, counted and logged");
        Assert.Equal(2, measurements.Of("cryptoviz.scraper.delivery_failures"));
        Assert.Equal(2, FailureLogs(host));
    }

    [Fact]
    public async Task A_quote_the_full_producer_queue_refused_is_not_remembered_as_published_and_goes_out_with_the_next_fetch()
    {
        // Arrange: a producer queue of one message that lingers: the second send of the first record finds it full.
        await using var host = new ScraperHost(kafka, new Dictionary<string, string?>
        {
            ["Aspire:Confluent:Kafka:Producer:Config:queue.buffering.max.messages"] = "1",
            ["Aspire:Confluent:Kafka:Producer:Config:linger.ms"] = "60000",
        });
        var sink = host.Services.GetRequiredService<CryptoViz.Scraper.Sources.QuoteSink>();
        var fetch = new CryptoViz.Scraper.Sources.PriceFetch([ScraperHost.Quote(host.ProducerId)], []);

        // Act: the same quote twice, as a provider that has not moved since.
        var first = sink.Publish("replay", fetch);
        var second = sink.Publish("replay", fetch);

        // Assert: not published the first time, so not "unchanged" the second: it is tried again.
        Assert.Equal((0L, 0L), (first.Published, first.Unchanged));
        Assert.Equal(0L, second.Unchanged);
    }

    private static int FailureLogs(ScraperHost host) =>
        host.Logs.Entries.Count(e => e.EventId.Id == 2 && e.Text.Contains("BTC_replay", StringComparison.Ordinal));

    /// <summary>Every measurement of the host's Scraper instruments named here, as they are recorded.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<string> _seen = new();

        public Measurements(ScraperHost host, params string[] instruments)
        {
            // Only this host's meters: other tests' Scraper hosts may be publishing at the same time.
            var factory = host.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == ScraperTelemetry.Name && instruments.Contains(instrument.Name))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => _seen.Enqueue(instrument.Name));
            _listener.SetMeasurementEventCallback<long>((instrument, _, _, _) => _seen.Enqueue(instrument.Name));
            _listener.Start();
        }

        public int Of(string instrument) => _seen.Count(name => name == instrument);

        public void Dispose() => _listener.Dispose();
    }
}
