using System.Globalization;
using System.Net.Http.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>Asks Ingest which stretches of each series it has (<c>GET /api/history/coverage</c>).</summary>
public sealed class IngestCoverageClient(HttpClient http)
{
    public async Task<IReadOnlyList<CoveredRange>> GetCoverageAsync(DateTime from, TimeSpan minGap, CancellationToken cancellationToken)
    {
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"api/history/coverage?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&gapMinutes={(int)minGap.TotalMinutes}");
        return await http.GetFromJsonAsync(uri, CryptoVizJsonContext.Default.IReadOnlyListCoveredRange, cancellationToken).ConfigureAwait(false) ?? [];
    }
}
