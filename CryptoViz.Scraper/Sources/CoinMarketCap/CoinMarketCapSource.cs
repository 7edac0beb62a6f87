using System.Text.Json;
using CryptoViz.Contracts.Messaging;
using Microsoft.Extensions.Options;

namespace CryptoViz.Scraper.Sources.CoinMarketCap;

/// <summary>
/// CoinMarketCap Pro <c>GET /v1/cryptocurrency/listings/latest</c>. On only with a key (<c>CoinMarketCap:ApiKey</c>, from
/// user secrets or env <c>CoinMarketCap__ApiKey</c>), sent in the <c>X-CMC_PRO_API_KEY</c> header and nowhere else.
/// </summary>
public sealed class CoinMarketCapSource(
    HttpClient http,
    IOptions<ScraperOptions> options,
    IOptionsMonitor<ProviderKeyOptions> keys,
    TimeProvider time) : HttpPriceSource(http, time)
{
    public const string SourceName = "coinmarketcap";
    public const string ApiKeyHeader = "X-CMC_PRO_API_KEY";

    public override string Name => SourceName;

    public override PriceProviderOptions Settings => options.Value.CoinMarketCap;

    public override string? DisabledReason =>
        !Settings.Enabled ? "disabled in configuration"
        : !keys.Get(ProviderKeyOptions.CoinMarketCap).HasKey ? "no API key (CoinMarketCap:ApiKey)"
        : null;

    public override async Task<PriceFetch> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"v1/cryptocurrency/listings/latest?start=1&limit={Settings.TopN}&convert=USD");
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, keys.Get(ProviderKeyOptions.CoinMarketCap).ApiKey);

        using var document = await GetJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw UnexpectedShape($"expected a JSON object, got {root.ValueKind}");
        }

        if (root.TryGetProperty("status", out var statusElement) && statusElement.ValueKind == JsonValueKind.Object
            && Status(statusElement) is { ErrorCode: { } code and not 0 } status)
        {
            throw new PriceFetchException($"api-error-{code}", Truncate(status.ErrorMessage ?? "no message"));
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw UnexpectedShape("expected a 'data' array of listings");
        }

        var now = Time.GetUtcNow().UtcDateTime;
        var producerId = options.Value.ProducerId;
        return MapItems(data, ProviderJsonContext.Default.CoinMarketCapListing, l => Map(l, now, producerId));
    }

    private static CoinMarketCapStatus Status(JsonElement element)
    {
        try
        {
            return element.Deserialize(ProviderJsonContext.Default.CoinMarketCapStatus)!;
        }
        catch (JsonException ex)
        {
            throw new PriceFetchException("unexpected-shape", $"status: {Truncate(ex.Message)}");
        }
    }

    /// <summary>
    /// V2's mapping (docs/v2-contract.md#providers): name and symbol as given; price, 24 h change and market cap from
    /// <c>quote.USD</c>; and ours, its <c>volume_24h</c>.
    /// </summary>
    internal static (CryptoPrice? Price, string? Reason) Map(CoinMarketCapListing listing, DateTime now, string producerId)
    {
        if (string.IsNullOrWhiteSpace(listing.Symbol)) return (null, "missing symbol");
        if (string.IsNullOrWhiteSpace(listing.Name)) return (null, "missing name");
        if (listing.Quote?.GetValueOrDefault("USD") is not { } usd) return (null, "missing quote.USD");
        if (usd.Price is not { } price) return (null, "missing price");
        if (usd.MarketCap is not { } marketCap) return (null, "missing market_cap");

        return (new CryptoPrice
        {
            Name = listing.Name,
            Symbol = listing.Symbol.Trim(),
            Price = price,
            PercentChange24h = usd.PercentChange24h,
            MarketCap = marketCap,
            Source = SourceName,
            Timestamp = (usd.LastUpdated ?? listing.LastUpdated)?.UtcDateTime ?? now,
            IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
            ProducerId = producerId,
            Volume24h = usd.Volume24h,
        }, null);
    }
}
