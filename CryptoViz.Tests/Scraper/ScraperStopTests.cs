using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Scraper.Extensions;
using CryptoViz.Scraper.Publishing;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The Scraper's stop: the orchestrator (Aspire's DCP) kills a service that takes longer than about ten seconds, so the
/// producer's flush is bounded by <c>Scraper:StopFlushTimeout</c>, runs after every worker has stopped publishing, and
/// never throws. The Scraper's services run on a generic host the test starts and stops itself, with a shutdown timeout
/// of a minute: a flush bounded only by the host's timeout would outlast every deadline here.
/// </summary>
public sealed class ScraperStopTests(EmbeddedKafkaFixture kafka) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly TimeSpan s_flushBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_stop_with_a_queue_the_broker_does_not_take_ends_within_the_flush_bound_and_logs_what_is_left()
    {
        // Arrange: a running Scraper whose broker goes away, and a queue of records that cannot be delivered.
        const int records = 5_000;
        var logs = new CapturingLoggerProvider();
        using var host = Build(logs, "stop-test-down");
        await host.StartAsync(TestContext.Current.CancellationToken);
        var publisher = host.Services.GetRequiredService<PricePublisher>();
        kafka.SetBrokerDown(true);
        try
        {
            for (var i = 0; i < records; i++) Assert.True(publisher.Publish(ScraperHost.Quote("stop-test-down")));

            // Act: stop, as the orchestrator does. The deadline is generous; without the bound the flush waits for the host's minute.
            await host.StopAsync(CancellationToken.None).WaitAsync(s_flushBound + TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        finally
        {
            kafka.SetBrokerDown(false);
        }

        // Assert: the stop says how much it left behind (each record goes to two topics).
        var left = Assert.Single(logs.Entries, e => e.EventId.Name == "FlushIncomplete");
        Assert.Contains($"Queued={2 * records};", left.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_whose_producer_is_already_disposed_does_not_throw_and_says_so()
    {
        // Arrange: a Scraper stopped once, so that nothing else uses the producer (disposing it under a running poll
        // would free the native handle beneath the call), and then its producer disposed.
        var logs = new CapturingLoggerProvider();
        using var host = Build(logs, "stop-test-disposed");
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
        host.Services.GetRequiredService<IProducer<string, byte[]>>().Dispose();
        var flush = host.Services.GetServices<IHostedService>().OfType<ProducerFlushService>().Single();

        // Act: the flush service's stop once more, as a host calls it.
        await flush.StopAsync(TestContext.Current.CancellationToken);
        await flush.StoppedAsync(TestContext.Current.CancellationToken);

        Assert.Single(logs.Entries, e => e.EventId.Name == "FlushProducerDisposed");
    }

    [Fact]
    public async Task A_quote_the_last_worker_to_stop_publishes_is_flushed_before_the_stop_ends()
    {
        // Arrange: a worker registered before the Scraper's own stops after them (hosts stop in reverse order), as the
        // live sources' workers did; the producer lingers a minute, so only a flush sends its quote before the end.
        const string producerId = "stop-test-last-worker";
        var host = Build(new CapturingLoggerProvider(), producerId, new("Aspire:Confluent:Kafka:Producer:Config:linger.ms", "60000"),
            services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService, PublishesWhenStopping>(
                s => new PublishesWhenStopping(s.GetRequiredService<PricePublisher>(), ScraperHost.Quote(producerId)))));
        using (host)
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            await host.StopAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(await OnBrokerAsync(producerId), "the quote published while stopping never reached the broker");
    }

    private IHost Build(CapturingLoggerProvider logs, string producerId, KeyValuePair<string, string?>? extra = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Scraper:ProducerId"] = producerId,
            ["Scraper:StopFlushTimeout"] = s_flushBound.ToString(),
            ["Scraper:CoinGecko:Enabled"] = "false",
            ["Scraper:CoinMarketCap:Enabled"] = "false",
            ["Scraper:Binance:Enabled"] = "false",
            ["Scraper:Simulated:Enabled"] = "false",
            ["Scraper:Replay:Enabled"] = "false",
            ["Scraper:Backfill:Enabled"] = "false",
        });
        if (extra is { } setting) builder.Configuration.AddInMemoryCollection([setting]);
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(ScraperHost.Start));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(1));
        services?.Invoke(builder.Services);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        return builder.Build();
    }

    /// <summary>Whether a record of <paramref name="producerId"/> reaches <see cref="Topics.RawData"/> within 20 s.</summary>
    private async Task<bool> OnBrokerAsync(string producerId)
    {
        try
        {
            await ScraperHost.ReadAsync(kafka, producerId, found => found.Count > 0, TimeSpan.FromSeconds(20));
            return true;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Publishes one quote when the host stops it: a live worker's last tick.</summary>
    private sealed class PublishesWhenStopping(PricePublisher publisher, CryptoPrice quote) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Assert.True(publisher.Publish(quote));
            return Task.CompletedTask;
        }
    }
}
