namespace CryptoViz.Scraper.Sources;

/// <summary>A real market-data provider as the supervisor and <c>/health</c> see it, polled or pushed.</summary>
public interface IMarketSource
{
    /// <summary>The record's <c>source</c>, e.g. <c>coingecko</c>.</summary>
    string Name { get; }

    /// <summary>Why the source is off (configuration, missing key), or null when it runs.</summary>
    string? DisabledReason { get; }

    /// <summary>How often the source delivers when it is healthy; a quote overdue past this counts against it.</summary>
    TimeSpan ExpectedInterval { get; }
}
