namespace CryptoViz.Scraper.Backfill;

/// <summary>
/// Where one source's past comes from: a provider's history API, or an offline source's own past. The backfill asks it
/// only for the ranges that Ingest has not stored, and publishes what it yields to <c>crypto-candles</c>.
/// </summary>
public interface IHistorySource
{
    /// <summary>The record's <c>source</c> whose series this fills, e.g. <c>binance</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The series to fill now: the coins this source publishes live at the moment. Empty while the source is off or not
    /// live (its history would then start series that nothing continues).
    /// </summary>
    IReadOnlyList<HistorySeries> Series { get; }

    /// <summary>
    /// The 1-minute candles of [<paramref name="from"/>, <paramref name="to"/>) (both on a minute), in pages of at most
    /// <see cref="CandleBatch.MaxCandles"/>, oldest first. The pages' ranges tile the request
    /// without gaps, including stretches where the provider has no data, so that a filled range is never asked for again.
    /// Paces itself within the provider's rate limits.
    /// </summary>
    /// <exception cref="HistoryUnavailableException">The provider refused or failed, after its own retries.</exception>
    IAsyncEnumerable<HistoryPage> FetchAsync(HistorySeries series, DateTime from, DateTime to, CancellationToken cancellationToken);
}
