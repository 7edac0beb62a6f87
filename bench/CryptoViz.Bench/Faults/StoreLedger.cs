using System.Net.Http.Json;
using CryptoViz.Ingest.Apis;
using CryptoViz.Ingest.Model;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Contracts.Apis;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// What Ingest stored of given publications, asked through its own query API (the ticks of a coin in a time range): the
/// DuckDB file is Ingest's alone while it runs. A stored row is matched to a publication by its <see cref="RowPrint"/>.
/// </summary>
internal sealed class StoreLedger(HttpClient ingest)
{
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether a row of <paramref name="tick"/> is stored; false when Ingest does not answer within a few seconds.</summary>
    public async Task<bool> IsStoredAsync(PublishedTick tick, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_probeTimeout);
        try
        {
            var rows = await RowsAsync(tick.Symbol, tick.Source, tick.Timestamp, tick.Timestamp.AddSeconds(1), timeout.Token);
            return rows.Any(r => Print(r) == tick.Print);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<TickCount> CountAsync(IReadOnlyList<PublishedTick> published, CancellationToken cancellationToken)
    {
        var keys = published.GroupBy(t => t.Print).ToDictionary(g => g.Key, g => g.First().Key);
        var rowsPerKey = new Dictionary<(string, string, DateTime), int>();
        foreach (var coin in published.GroupBy(t => t.Symbol))
        {
            var from = coin.Min(t => t.Timestamp);
            var to = coin.Max(t => t.Timestamp).AddSeconds(1);
            foreach (var row in await RowsAsync(coin.Key, source: null, from, to, cancellationToken))
            {
                if (keys.TryGetValue(Print(row), out var key)) rowsPerKey[key] = rowsPerKey.GetValueOrDefault(key) + 1;
            }
        }

        var distinct = published.Select(t => t.Key).Distinct().Count();
        var rows = rowsPerKey.Values.Sum();
        return new TickCount(distinct, rows, rows - rowsPerKey.Count, distinct - rowsPerKey.Count);
    }

    /// <summary>The coin's rows in [from, to); a range that fills a response is asked again in halves.</summary>
    private async Task<IReadOnlyList<Tick>> RowsAsync(string symbol, string? source, DateTime from, DateTime to, CancellationToken cancellationToken)
    {
        var url = $"/api/coins/{symbol}/ticks?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}" +
                  $"&limit={CoinsApi.MaxTickLimit}{(source is null ? "" : $"&source={source}")}";
        var rows = await ingest.GetFromJsonAsync(url, IngestApiJsonContext.Default.IReadOnlyListTick, cancellationToken) ?? [];
        if (rows.Count < CoinsApi.MaxTickLimit) return rows;
        if (to - from <= TimeSpan.FromSeconds(1)) throw new InvalidOperationException($"more than {CoinsApi.MaxTickLimit} rows of {symbol} in one second");

        var middle = from + (to - from) / 2;
        return [.. await RowsAsync(symbol, source, from, middle, cancellationToken), .. await RowsAsync(symbol, source, middle, to, cancellationToken)];
    }

    private static RowPrint Print(Tick row) => new(row.Symbol, row.Source,
        V2Time.TruncateToMicroseconds(row.Timestamp), V2Time.TruncateToMicroseconds(row.IngestionTimestamp));
}

/// <summary>
/// <see cref="Published"/>: distinct natural keys published; <see cref="Stored"/>: rows stored for them; duplicates: rows
/// beyond one per key; lost: keys without a row.
/// </summary>
internal sealed record TickCount(int Published, int Stored, int Duplicates, int Lost);
