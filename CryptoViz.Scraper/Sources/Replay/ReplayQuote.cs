using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Sources.Replay;

/// <summary>One coin's replayed price; <paramref name="OriginalTime"/> is when it happened.</summary>
/// <param name="Volume">This tick's share of its bar's volume, in base-asset units.</param>
/// <param name="QuoteVolume">The same in the quote asset.</param>
public readonly record struct ReplayQuote(
    string Symbol, double Price, double? PercentChange24h, DateTimeOffset OriginalTime, double Volume, double QuoteVolume)
{
    public const string SourceName = "replay";

    /// <summary>The V2 record, stamped <paramref name="now"/> and carrying the original time.</summary>
    public CryptoPrice ToRecord(DateTime now, string producerId) => new()
    {
        Name = KnownCoins.NameOf(Symbol),
        Symbol = Symbol,
        Price = Price,
        PercentChange24h = PercentChange24h is { } change ? Math.Round(change, 4) : null,
        // Kline history has no supply, so no market cap: 0 says "not given".
        MarketCap = 0,
        Source = SourceName,
        Timestamp = now,
        IngestionTimestamp = V2Time.TruncateToMicroseconds(now),
        ProducerId = producerId,
        OriginalTimestamp = OriginalTime.UtcDateTime,
        Volume = Volume,
        QuoteVolume = QuoteVolume,
    };
}
