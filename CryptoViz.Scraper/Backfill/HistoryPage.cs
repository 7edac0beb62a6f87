using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>What a history source returned for [<paramref name="From"/>, <paramref name="To"/>): the candles it has there, in time order.</summary>
public sealed record HistoryPage(DateTime From, DateTime To, IReadOnlyList<HistoryCandle> Candles);
