using System.Runtime.CompilerServices;
using System.Text.Json;
using CryptoViz.Scraper.Backfill;
using CryptoViz.Scraper.Sources.CoinMarketCap;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>
/// The past of the coins the live CoinGecko source lists: <c>GET /api/v3/coins/{id}/market_chart/range</c>, price points
/// turned into 1-minute candles (<see cref="CoinGeckoChartCandles"/>), with the demo key in its header when one is set.
/// CoinGecko picks the points' spacing from the range asked for, so a request is split into calls that get the finest it
/// gives: the last day from now on its own (5-minute points), the rest in calls of at most 90 days (hourly; longer
/// ranges come daily). One call every <see cref="CoinGeckoOptions.HistoryInterval"/> at most, since the live listing
/// shares the same few calls a minute.
/// </summary>
public sealed class CoinGeckoHistorySource(
    IHttpClientFactory clients,
    CoinGeckoCoins coins,
    SourceSupervisor supervisor,
    IOptions<ScraperOptions> options,
    IOptionsMonitor<ProviderKeyOptions> keys,
    TimeProvider time,
    ILogger<CoinGeckoHistorySource> logger) : HttpHistorySource(clients, HttpClientName, time, logger)
{
    public const string HttpClientName = "coingecko-history";

    /// <summary>Only a range within the last day from now comes in 5-minute points.</summary>
    internal static readonly TimeSpan FineSpan = TimeSpan.FromDays(1);

    /// <summary>Up to this a range comes in hourly points, beyond it in daily ones.</summary>
    internal static readonly TimeSpan HourlySpan = TimeSpan.FromDays(90);

    private readonly Lock _gate = new();
    private DateTimeOffset _nextCall = DateTimeOffset.MinValue;

    public override string Name => CoinGeckoSource.SourceName;

    /// <summary>The coins of the live source's last listing, while it delivers.</summary>
    public override IReadOnlyList<HistorySeries> Series =>
        supervisor.IsDelivering(Name) ? [.. coins.Listed.Select(c => new HistorySeries(c.Symbol, c.Name))] : [];

    /// <exception cref="HistoryUnavailableException">Also when the last listing has no coin <paramref name="series"/> names.</exception>
    public override async IAsyncEnumerable<HistoryPage> FetchAsync(
        HistorySeries series, DateTime from, DateTime to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CheckRange(from, to);
        var coin = coins.Find(series.Symbol)
                   ?? throw new HistoryUnavailableException($"{Name}: no CoinGecko id for {series.Symbol}: not in the last listing");
        foreach (var (callFrom, callTo) in Calls(from, to, Time.GetUtcNow().UtcDateTime))
        {
            var candles = await FetchCandlesAsync(coin, callFrom, callTo, cancellationToken).ConfigureAwait(false);
            foreach (var page in HistoryPages.Split(callFrom, callTo, candles)) yield return page;
        }
    }

    /// <summary>The calls that cover [<paramref name="from"/>, <paramref name="to"/>), in order, each tiling on from the last.</summary>
    internal static IEnumerable<(DateTime From, DateTime To)> Calls(DateTime from, DateTime to, DateTime now)
    {
        var lastDay = UtcMinute.Ceiling(now - FineSpan);
        var older = lastDay > from && lastDay < to ? lastDay : to;
        for (var start = from; start < older;)
        {
            var end = older - start > HourlySpan ? start + HourlySpan : older;
            yield return (start, end);
            start = end;
        }

        if (older < to) yield return (older, to);
    }

    protected override TimeSpan ReserveCall(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now < _nextCall) return _nextCall - now;
            _nextCall = now + options.Value.CoinGecko.HistoryInterval;
            return TimeSpan.Zero;
        }
    }

    private async Task<List<HistoryCandle>> FetchCandlesAsync(CoinGeckoCoin coin, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var path = $"api/v3/coins/{Uri.EscapeDataString(coin.Id)}/market_chart/range?vs_currency=usd" +
                   $"&from={UnixMilliseconds(from) / 1000}&to={UnixMilliseconds(to) / 1000}";
        using var document = await GetJsonAsync(path, AddKey, cancellationToken).ConfigureAwait(false);
        CoinGeckoMarketChart? chart;
        try
        {
            chart = document.Deserialize(ProviderJsonContext.Default.CoinGeckoMarketChart);
        }
        catch (JsonException ex)
        {
            throw new HistoryUnavailableException($"{Name}: {path}: unexpected shape: {Truncate(ex.Message)}", null, ex);
        }

        if (chart?.Prices is null) throw new HistoryUnavailableException($"{Name}: {path}: unexpected shape: no prices");

        var (candles, rejected) = CoinGeckoChartCandles.Read(chart, from, to);
        if (rejected > 0) ScraperLog.HistoryItemsRejected(Logger, Name, coin.Symbol, rejected, chart.Prices.Count, "a point without a positive price or a valid time");
        return candles;
    }

    private void AddKey(HttpRequestMessage request)
    {
        if (keys.Get(ProviderKeyOptions.CoinGecko) is { HasKey: true, ApiKey: { } key })
        {
            request.Headers.TryAddWithoutValidation(CoinGeckoSource.DemoKeyHeader, key);
        }
    }
}
