using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Confluent.Kafka;
using CryptoViz.Ingest.Model;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Tests.EndToEnd;

/// <summary>
/// The embedded broker's <c>simulate-outage</c> command (<c>aspire resource kafka simulate-outage</c>) on the running app
/// model, watched the way an operator and a user would: resource health, the query API, one open SSE stream, the
/// Scraper's log, and in the end every tick published around the outage against the rows stored.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class BrokerOutageE2ETests(AppHostFixture fixture)
{
    private static readonly string[] s_brokerClients = ["scraper", "ingest", "stream"];
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_outage_degrades_the_broker_clients_then_they_recover_with_every_tick_stored_once_while_queries_and_streams_carry_on()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(4));
        var app = fixture.App;
        foreach (var name in AppHostFixture.Resources) await app.ResourceNotifications.WaitForResourceHealthyAsync(name, cts.Token);
        var bootstrap = await app.GetConnectionStringAsync("kafka", cts.Token) ?? throw new InvalidOperationException("kafka has no connection string");
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).SetLogHandler((_, _) => { }).Build();

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var degraded = new ConcurrentDictionary<string, bool>();
        var watchHealth = WatchDegradedAsync(app.ResourceNotifications, degraded, watching.Token);
        var deliveryFailures = new ConcurrentQueue<string>();
        var watchLog = WatchDeliveryFailuresAsync(app.Services.GetRequiredService<ResourceLoggerService>(), deliveryFailures, watching.Token);
        var queries = new QueryProbe(app.GetEndpoint("ingest", "http"));
        var askQueries = queries.RunAsync(watching.Token);

        using var streamHttp = new HttpClient { BaseAddress = app.GetEndpoint("stream", "http"), Timeout = Timeout.InfiniteTimeSpan };
        using var response = await streamHttp.GetAsync("/stream", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(cts.Token));
        await NextUpdateAsync(sse, _ => true, cts.Token);

        using var published = new PublishedTicks(bootstrap);
        var from = DateTime.UtcNow;
        var outage = await app.ResourceCommands.ExecuteCommandAsync("kafka", "simulate-outage", cts.Token);
        Assert.True(outage.Success, outage.Message);
        await Eventually.GetAsync(() => Task.FromResult<bool?>(Answers(admin)), up => up == false, s_step, "the broker down");
        await Eventually.GetAsync(() => Task.FromResult<bool?>(Answers(admin)), up => up == true, s_step, "the broker back");
        var back = DateTime.UtcNow;
        await Eventually.GetAsync(() => Task.FromResult<int?>(s_brokerClients.Count(degraded.ContainsKey)),
            n => n == s_brokerClients.Length, s_step, "scraper, ingest and stream reported Degraded");
        foreach (var name in s_brokerClients) await app.ResourceNotifications.WaitForResourceHealthyAsync(name, cts.Token);

        // The stream opened before the outage carries ticks made after it: no reconnect (the reader would have ended).
        var fresh = await NextUpdateAsync(sse, t => t > back, cts.Token);
        var to = fresh;
        await NextUpdateAsync(sse, t => t > to.AddSeconds(3), cts.Token);
        published.ReadUpTo(published.HighWatermarks());
        var window = published.Between(from, to);
        using var ingest = new HttpClient { BaseAddress = app.GetEndpoint("ingest", "http") };
        var stored = await Eventually.GetAsync(() => StoredAsync(ingest, window, from, to, cts.Token),
            rows => rows is not null && rows.Distinct().Count() == window.Count && rows.ToHashSet().SetEquals(window), s_step,
            $"the {window.Count} ticks published in [{from:O}, {to:O}) stored");
        await watching.CancelAsync();
        await Task.WhenAll(watchHealth, watchLog, askQueries);

        Assert.NotEmpty(window);
        Assert.Equal(window.Count, stored.Count);
        Assert.Empty(deliveryFailures);
        Assert.True(queries.Answered > 0);
        Assert.Empty(queries.Failures);
    }

    private static bool Answers(IAdminClient admin)
    {
        try
        {
            return admin.GetMetadata(TimeSpan.FromSeconds(1)).Brokers.Count > 0;
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    /// <summary>The record time of the next <c>crypto_update</c> whose time satisfies <paramref name="wanted"/>.</summary>
    private static async Task<DateTime> NextUpdateAsync(SseReader sse, Func<DateTime, bool> wanted, CancellationToken cancellationToken)
    {
        while (await sse.ReadAsync(cancellationToken) is { } e)
        {
            if (e.Type != "crypto_update") continue;
            var time = DateTime.Parse(e.Json.GetProperty("data").GetProperty("timestamp").GetString()!,
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            if (wanted(time)) return time;
        }

        throw new InvalidOperationException("the stream ended: the client would have had to reconnect");
    }

    private static async Task WatchDegradedAsync(ResourceNotificationService notifications, ConcurrentDictionary<string, bool> degraded, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken))
            {
                // The AppHost's reading of the service's /ready, published the moment it changes; the dashboard's health
                // column follows within Aspire's 30 s check interval.
                if (update.Snapshot.Properties.Any(p => p.Name == "readiness" && Equals(p.Value, nameof(HealthStatus.Degraded))))
                {
                    degraded[update.Resource.Name] = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WatchDeliveryFailuresAsync(ResourceLoggerService logs, ConcurrentQueue<string> failures, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in logs.WatchAsync("scraper").WithCancellation(cancellationToken))
            {
                // ScraperLog.DeliveryFailed: a record the producer gave up on after message.timeout.ms.
                foreach (var line in batch.Where(l => l.Content.Contains("Broker did not take", StringComparison.Ordinal))) failures.Enqueue(line.Content);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<List<TickIdentity>?> StoredAsync(
        HttpClient ingest, IReadOnlyCollection<TickIdentity> window, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var rows = new List<TickIdentity>();
        foreach (var symbol in window.Select(t => t.Symbol).Distinct())
        {
            var ticks = await ingest.GetFromJsonAsync<List<Tick>>(
                $"/api/coins/{symbol}/ticks?from={from:O}&to={to:O}&limit=10000", cancellationToken);
            rows.AddRange(ticks!.Select(t => TickIdentity.Of(t.Symbol, t.Source, t.Timestamp, t.IngestionTimestamp)));
        }

        return rows;
    }

    /// <summary>Asks the query API every 200 ms, as a dashboard would, and keeps what did not answer 200.</summary>
    private sealed class QueryProbe(Uri ingest)
    {
        public ConcurrentQueue<string> Failures { get; } = new();

        public int Answered { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { BaseAddress = ingest, Timeout = TimeSpan.FromSeconds(5) };
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync("/api/coins", cancellationToken);
                    if (response.IsSuccessStatusCode) Answered++;
                    else Failures.Enqueue($"{DateTime.UtcNow:O} {(int)response.StatusCode}");
                    await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Failures.Enqueue($"{DateTime.UtcNow:O} {ex.Message}");
                }
            }
        }
    }
}
