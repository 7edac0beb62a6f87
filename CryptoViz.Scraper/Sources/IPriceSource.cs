namespace CryptoViz.Scraper.Sources;

/// <summary>A real market-data provider polled on a schedule by <see cref="PriceSourceWorker{TSource}"/>.</summary>
public interface IPriceSource : IMarketSource
{
    PriceProviderOptions Settings { get; }

    TimeSpan IMarketSource.ExpectedInterval => Settings.Interval;

    /// <summary>One call to the provider.</summary>
    /// <exception cref="PriceFetchException">The whole response is unusable (HTTP error, 429, not JSON, wrong shape).</exception>
    Task<PriceFetch> FetchAsync(CancellationToken cancellationToken);
}
