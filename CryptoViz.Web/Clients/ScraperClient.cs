using System.Net.Http.Json;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Web.Clients;

/// <summary>Typed client for the Scraper's <c>/api/backfill</c>; its base address is the logical <c>http://scraper</c>.</summary>
public sealed class ScraperClient(HttpClient http)
{
    public async Task<BackfillStatus> GetBackfillAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("/api/backfill", CryptoVizJsonContext.Default.BackfillStatus, cancellationToken)
            ?? throw new InvalidOperationException("The Scraper answered /api/backfill with null.");
}
