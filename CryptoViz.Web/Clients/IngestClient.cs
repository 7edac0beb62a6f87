using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Web.Clients;

/// <summary>Typed client for Ingest's query API; its base address is the logical <c>http://ingest</c>.</summary>
public sealed class IngestClient(HttpClient http)
{
    public const string ServiceName = "Ingest";

    /// <summary>The newest price per (symbol, source), largest market cap first.</summary>
    public async Task<IReadOnlyList<CoinSummary>> GetCoinsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("/api/coins", IngestApiJsonContext.Default.IReadOnlyListCoinSummary, cancellationToken) ?? [];

    /// <summary>Every series' closes over the last <paramref name="hours"/>, one per <paramref name="step"/>, and its closes 1 h and 24 h ago.</summary>
    /// <param name="step">5m, 15m, 30m or 1h.</param>
    public async Task<CoinHistory> GetHistoryAsync(int hours, string step, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync($"/api/coins/history?hours={hours.ToString(CultureInfo.InvariantCulture)}&step={Uri.EscapeDataString(step)}",
            IngestApiJsonContext.Default.CoinHistory, cancellationToken)
            ?? throw new InvalidOperationException("Ingest answered /api/coins/history with null.");

    /// <param name="interval">1m, 5m, 15m, 1h or 1d.</param>
    /// <param name="source">Null: Ingest picks the alphabetically first source with data and echoes it.</param>
    public async Task<CandleSeries?> GetCandlesAsync(
        string symbol, string interval, string? source, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var uri = $"/api/coins/{Uri.EscapeDataString(symbol)}/candles?interval={Uri.EscapeDataString(interval)}" +
            $"&from={Iso(fromUtc)}&to={Iso(toUtc)}" + (source is null ? "" : $"&source={Uri.EscapeDataString(source)}");
        return await http.GetFromJsonAsync(uri, IngestApiJsonContext.Default.CandleSeries, cancellationToken);
    }

    /// <summary>Stored rows of one coin in [from, to), newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Tick>> GetTicksAsync(
        string symbol, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken cancellationToken)
    {
        var uri = $"/api/coins/{Uri.EscapeDataString(symbol)}/ticks?from={Iso(fromUtc)}&to={Iso(toUtc)}" +
            $"&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        return await http.GetFromJsonAsync(uri, IngestApiJsonContext.Default.IReadOnlyListTick, cancellationToken) ?? [];
    }

    /// <summary>The newest price per source of one coin; null when Ingest has none stored (404).</summary>
    public async Task<SourceSpread?> GetSourcesAsync(string symbol, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/coins/{Uri.EscapeDataString(symbol)}/sources", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(IngestApiJsonContext.Default.SourceSpread, cancellationToken);
    }

    /// <summary>The served forecasts of one coin, per source and horizon; null until Ingest's first forecast run saw it (404).</summary>
    public async Task<IReadOnlyList<ServedForecast>?> GetForecastsAsync(string symbol, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/coins/{Uri.EscapeDataString(symbol)}/forecasts", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(IngestApiJsonContext.Default.IReadOnlyListServedForecast, cancellationToken);
    }

    /// <summary>Every model's backtest score per series and horizon; empty before the first forecast run.</summary>
    public async Task<IReadOnlyList<ModelScore>> GetModelsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("/api/models", IngestApiJsonContext.Default.IReadOnlyListModelScore, cancellationToken) ?? [];

    public async Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("/api/stats", IngestApiJsonContext.Default.StoreStats, cancellationToken)
            ?? throw new InvalidOperationException("Ingest answered /api/stats with null.");

    /// <summary>ServiceDefaults' <c>/health</c>: 200 <c>Healthy</c> or <c>Degraded</c>, 503 <c>Unhealthy</c>, as plain text.</summary>
    public async Task<ServiceHealth> GetHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("/health", cancellationToken);
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            var status = text switch
            {
                "Healthy" when response.IsSuccessStatusCode => ServiceStatus.Healthy,
                "Degraded" when response.IsSuccessStatusCode => ServiceStatus.Degraded,
                _ => ServiceStatus.Unhealthy,
            };
            return new ServiceHealth(ServiceName, status, $"HTTP {(int)response.StatusCode} {(text.Length is > 0 and <= 40 ? text : response.ReasonPhrase)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ServiceHealth.Unreachable(ServiceName, exception);
        }
    }

    private static string Iso(DateTime utc) =>
        Uri.EscapeDataString(DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
