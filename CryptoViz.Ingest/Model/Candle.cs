namespace CryptoViz.Ingest.Model;

/// <summary>One OHLC bucket. <c>Ticks</c> counts the stored rows in the bucket: V2's table has no volume column.</summary>
public sealed record Candle(DateTime Time, double Open, double High, double Low, double Close, long Ticks);
