namespace CryptoViz.Web.Clients;

/// <summary>
/// One OHLCV bucket from Ingest: <c>Volume</c> (base-asset units) and <c>QuoteVolume</c> (USD/USDT) sum the stored
/// ticks' own volumes, 0 for a source that sends none; <c>Ticks</c> counts the stored rows in it.
/// </summary>
public sealed record StoredCandle(DateTime Time, double Open, double High, double Low, double Close, long Ticks, double Volume, double QuoteVolume);
