namespace CryptoViz.Scraper.Sources;

/// <summary>A real market-data provider polled on a schedule by <see cref="PriceSourceWorker{TSource}"/>.</summary>
public interface IPriceSource
{
    /// <summary>The record's <c>source</c>, e.g. <c>coingecko</c>.</summary>
    string Name { get; }

    PriceProviderOptions Settings { get; }

    /// <summary>Why the source is off (configuration, missing key), or null when it runs.</summary>
    string? DisabledReason { get; }

    /// <summary>One call to the provider.</summary>
    /// <exception cref="PriceFetchException">The whole response is unusable (HTTP error, 429, not JSON, wrong shape).</exception>
    Task<PriceFetch> FetchAsync(CancellationToken cancellationToken);
}
