using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Extensions;
using CryptoViz.Scraper.Sources;
using CryptoViz.Scraper.Sources.Binance;
using CryptoViz.Scraper.Sources.CoinGecko;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Scraper;

/// <summary>
/// The Scraper's services registered as its <c>Program.cs</c> does (<see cref="ProviderHistoryExtensions.AddProviderHistory"/> among them),
/// built but not started: no worker runs and nothing is published. Both history sources call one fake provider, on a
/// <see cref="FakeTimeProvider"/>, with every log entry captured. Whether a live source delivers is what the test tells
/// the supervisor (<see cref="Delivered"/>).
/// </summary>
internal sealed class HistoryHost : IDisposable
{
    private readonly IHost _host;
    private readonly InFlightRequests _inFlight = new();

    public HistoryHost(Uri providerUrl, DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Time = new FakeTimeProvider(now);
        var configuration = new Dictionary<string, string?>
        {
            // Never connected to: nothing here publishes.
            ["ConnectionStrings:kafka"] = "127.0.0.1:9",
            ["Scraper:CoinGecko:Enabled"] = "true",
            ["Scraper:CoinGecko:BaseUrl"] = providerUrl.ToString(),
            ["Scraper:CoinMarketCap:Enabled"] = "false",
            ["Scraper:Binance:Enabled"] = "true",
            ["Scraper:Binance:RestBaseUrl"] = providerUrl.ToString(),
            ["Scraper:Binance:Symbols"] = "BTC,eth",
            ["Scraper:Replay:Enabled"] = "false",
            ["Scraper:Simulated:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        builder.Services.AddSingleton<TimeProvider>(Time);
        foreach (var client in new[] { BinanceHistorySource.HttpClientName, CoinGeckoHistorySource.HttpClientName })
        {
            builder.Services.AddHttpClient(client).AddHttpMessageHandler(_inFlight.CreateHandler);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Logs);
        builder.Logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        _host = builder.Build();
    }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _host.Services;

    public BinanceHistorySource Binance => Services.GetServices<IHistorySource>().OfType<BinanceHistorySource>().Single();

    public CoinGeckoHistorySource CoinGecko => Services.GetServices<IHistorySource>().OfType<CoinGeckoHistorySource>().Single();

    /// <summary>What a live source's worker records after a call or frame that brought valid quotes: it delivers as of now.</summary>
    public void Delivered(string source) =>
        Services.GetRequiredService<SourceSupervisor>().StateOf(source)!.Succeeded(Time.GetUtcNow(), 1, 0, 0);

    /// <summary>Reads every page of a fetch, the clock standing still: a fetch that waits for the clock never ends, and fails.</summary>
    public Task<List<HistoryPage>> CollectAsync(IAsyncEnumerable<HistoryPage> pages) => CollectAsync(pages, step: null);

    /// <summary>
    /// Reads every page of a fetch, moving the clock on by <paramref name="step"/> whenever no HTTP attempt is under way,
    /// from its first attempt on: until then the fetch sees the clock the test set.
    /// </summary>
    public async Task<List<HistoryPage>> CollectAsync(IAsyncEnumerable<HistoryPage> pages, TimeSpan? step)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var startedBefore = _inFlight.Started;
        var fetch = Task.Run(async () =>
        {
            var list = new List<HistoryPage>();
            await foreach (var page in pages.WithCancellation(cancellationToken)) list.Add(page);
            return list;
        }, cancellationToken);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!fetch.IsCompleted)
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"the fetch did not end; the clock is at {Time.GetUtcNow():O}");
            if (step is { } s && _inFlight.Started > startedBefore && _inFlight.Count == 0) Time.Advance(s);
            await Task.WhenAny(fetch, Task.Delay(20, cancellationToken));
        }

        return await fetch;
    }

    public void Dispose() => _host.Dispose();
}
