using System.Text.Json;
using Confluent.Kafka;
using CryptoViz.Scraper;
using CryptoViz.Scraper.Sources;
using CryptoViz.Contracts.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using CryptoViz.Tests.Support;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The Scraper against the embedded broker, on a <see cref="FakeTimeProvider"/> (its schedules move only when a test
/// advances the clock), with every log entry captured. Real providers, the offline sources and the backfill are off unless
/// the test's settings turn them on; <c>producer_id</c> is unique per host, so a test reads back only its own records.
/// </summary>
internal sealed class ScraperHost : WebApplicationFactory<ScraperOptions>
{
    public static readonly DateTimeOffset Start = new(2024, 9, 17, 16, 5, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Changes to the Scraper's services, after its own.</param>
    public ScraperHost(EmbeddedKafkaFixture kafka, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
            ["Scraper:ProducerId"] = ProducerId,
            ["Scraper:CoinGecko:Enabled"] = "false",
            ["Scraper:CoinMarketCap:Enabled"] = "false",
            ["Scraper:Binance:Enabled"] = "false",
            ["Scraper:Simulated:Enabled"] = "false",
            ["Scraper:Replay:Enabled"] = "false",
            ["Scraper:Backfill:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) _settings[key] = value;
    }

    public string ProducerId { get; } = $"scraper-test-{Guid.NewGuid():N}";

    public FakeTimeProvider Time { get; } = new(Start);

    public CapturingLoggerProvider Logs { get; } = new();

    public SourceSupervisor Supervisor => Services.GetRequiredService<SourceSupervisor>();

    public SourceState State(string source) => Supervisor.StateOf(source) ?? throw new InvalidOperationException($"{source} is not running");

    public Task<HealthReportEntry> SourcesHealthAsync() => HealthAsync("sources");

    public async Task<HealthReportEntry> HealthAsync(string check) =>
        (await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken)).Entries[check];

    /// <summary>Waits until <paramref name="condition"/> holds, advancing the fake clock by <paramref name="step"/> between looks when given.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? step = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (cts.IsCancellationRequested) throw new TimeoutException($"Timed out waiting for {what}");
            if (step is { } s) Time.Advance(s);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Starts the host if it is not yet, then reads <see cref="Topics.RawData"/> from the start until <paramref name="enough"/> of this host's records have come.</summary>
    public Task<List<CryptoPrice>> ConsumeAsync(EmbeddedKafkaFixture kafka, Func<List<CryptoPrice>, bool> enough, Action? whileWaiting = null)
    {
        _ = Services; // The factory starts the host on first use.
        return ReadAsync(kafka, ProducerId, enough, TimeSpan.FromSeconds(30), whileWaiting);
    }

    /// <summary>
    /// Reads <see cref="Topics.RawData"/> from the start until <paramref name="enough"/> of <paramref name="producerId"/>'s
    /// records have come; cancelled after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<List<CryptoPrice>> ReadAsync(EmbeddedKafkaFixture kafka, string producerId, Func<List<CryptoPrice>, bool> enough,
        TimeSpan timeout, Action? whileWaiting = null)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = $"scraper-tests-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(Topics.RawData);
        var mine = new List<CryptoPrice>();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!enough(mine))
            {
                cts.Token.ThrowIfCancellationRequested();
                var result = await Task.Run(() => consumer.Consume(TimeSpan.FromMilliseconds(200)), cts.Token);
                if (result?.Message?.Value is not { } value)
                {
                    whileWaiting?.Invoke();
                    continue;
                }

                var price = JsonSerializer.Deserialize(value, CryptoVizJsonContext.Default.CryptoPrice);
                if (price?.ProducerId == producerId) mine.Add(price);
            }
        }
        finally
        {
            consumer.Close();
        }

        return mine;
    }

    /// <summary>A valid BTC quote of <paramref name="producerId"/> at <see cref="Start"/>.</summary>
    public static CryptoPrice Quote(string producerId) => new()
    {
        Name = "Bitcoin",
        Symbol = "BTC",
        Price = 60_000,
        MarketCap = 1,
        Source = "replay",
        Timestamp = Start.UtcDateTime,
        IngestionTimestamp = Start.UtcDateTime,
        ProducerId = producerId,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }
}
