namespace CryptoViz.Contracts.Apis;

/// <summary>
/// One OHLC bucket. <c>Ticks</c> counts the stored rows in it; <c>Volume</c> (base-asset units) and <c>QuoteVolume</c>
/// (USD/USDT) sum the ticks' own volumes, a tick without one counting 0, so both are 0 for a source that gives none.
/// </summary>
public sealed record Candle(DateTime Time, double Open, double High, double Low, double Close, long Ticks, double Volume, double QuoteVolume);
