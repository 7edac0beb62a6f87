namespace CryptoViz.Web.Ingest;

/// <summary>One OHLC bucket from Ingest; <c>Ticks</c> counts the stored rows in it (V2 stores no volume).</summary>
public sealed record StoredCandle(DateTime Time, double Open, double High, double Low, double Close, long Ticks);
