namespace CryptoViz.Scraper.Backfill;

/// <summary>One coin of one source, as its live records name it.</summary>
public sealed record HistorySeries(string Symbol, string Name);
