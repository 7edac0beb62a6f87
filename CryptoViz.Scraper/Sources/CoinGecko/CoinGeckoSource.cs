using System.Text.Json;
using CryptoViz.Scraper.Sources.CoinMarketCap;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.CoinGecko;

/// <summary>
/// CoinGecko v3 <c>GET /api/v3/coins/markets</c>: the top <see cref="PriceProviderOptions.TopN"/> coins by market cap
/// in USD. Free; an optional demo key (<c>CoinGecko:ApiKey</c>) goes in the <c>x-cg-demo-api-key</c> header.
/// </summary>
/// <param name="coins">Where each listing's coins and their CoinGecko ids are kept for the history.</param>
public sealed class CoinGeckoSource(
    HttpClient http,
    IOptions<ScraperOptions> options,
    IOptionsMonitor<ProviderKeyOptions> keys,
    TimeProvider time,
    CoinGeckoCoins coins) : HttpPriceSource(http, time)
{
    public const string SourceName = "coingecko";
    public const string DemoKeyHeader = "x-cg-demo-api-key";

    public override string Name => SourceName;

    public override PriceProviderOptions Settings => options.Value.CoinGecko;

    public override string? DisabledReason => Settings.Enabled ? null : "disabled in configuration";

    public override async Task<PriceFetch> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"api/v3/coins/markets?vs_currency=usd&order=market_cap_desc&per_page={Settings.TopN}&page=1");
        if (keys.Get(ProviderKeyOptions.CoinGecko) is { HasKey: true, ApiKey: { } key })
        {
            request.Headers.TryAddWithoutValidation(DemoKeyHeader, key);
        }

        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw UnexpectedShape($"expected a JSON array of coins, got {document.RootElement.ValueKind}");
        }

        var now = Time.GetUtcNow().UtcDateTime;
        var producerId = options.Value.ProducerId;
        var listed = new List<CoinGeckoCoin>();
        var fetch = MapItems(document.RootElement, ProviderJsonContext.Default.CoinGeckoMarket, m =>
        {
            var mapped = Map(m, now, producerId);
            if (mapped.Price is { } price && !string.IsNullOrWhiteSpace(m.Id)) listed.Add(new CoinGeckoCoin(price.Symbol, price.Name, m.Id));
            return mapped;
        });
        coins.Replace(listed);
        return fetch;
    }

    /// <summary>
    /// V2's mapping (docs/v2-contract.md#providers), except that the name is CoinGecko's own (V2's fixed id map was a quirk);
    /// and ours, <c>total_volume</c> (24 h, USD) as <c>volume_24h</c>.
    /// </summary>
    internal static (CryptoPrice? Price, string? Reason) Map(CoinGeckoMarket market, DateTime now, string producerId)
    {
        if (string.IsNullOrWhiteSpace(market.Symbol)) return (null, "missing symbol");
        if (string.IsNullOrWhiteSpace(market.Name)) return (null, "missing name");
        if (market.CurrentPrice is not { } price) return (null, "missing current_price");
        if (market.MarketCap is not { } marketCap) return (null, "missing market_cap");

        return (new CryptoPrice
        {
            Name = market.Name,
            Symbol = market.Symbol.Trim().ToUpperInvariant(),
            Price = price,
            PercentChange24h = market.PriceChangePercentage24h,
            MarketCap = marketCap,
            Source = SourceName,
            Timestamp = market.LastUpdated?.UtcDateTime ?? now,
            IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
            ProducerId = producerId,
            Volume24h = market.TotalVolume,
        }, null);
    }
}
