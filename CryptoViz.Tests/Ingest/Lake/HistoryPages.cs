using CryptoViz.Contracts.Apis;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Ingest.Lake;

/// <summary>History pages (<c>crypto-candles</c>) as a backfill publishes them, and the candles the query API makes of them.</summary>
internal static class HistoryPages
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    /// <summary>One page of <paramref name="minutes"/> candles from <paramref name="from"/>, on a zig-zag raised by <paramref name="shift"/>.</summary>
    public static CandleBatch Page(string symbol, string source, DateTime from, int minutes, double shift = 0) => new()
    {
        Symbol = symbol, Name = symbol, Source = source, From = from, To = from + s_minute * minutes,
        Candles = [.. Enumerable.Range(0, minutes).Select(i => Candle(from + s_minute * i, 100 + i % 13 + shift, volume: i % 4 == 0 ? null : 1 + i % 5))],
        ProducerId = "lake-tests", IngestionTimestamp = from + s_minute * minutes,
    };

    /// <summary>The query API's candle of a history candle: no ticks, a volume the provider left out read as 0.</summary>
    public static Candle AsCandle(HistoryCandle c) => new(c.Time, c.Open, c.High, c.Low, c.Close, 0, c.Volume ?? 0, c.QuoteVolume ?? 0);

    private static HistoryCandle Candle(DateTime time, double open, double? volume) => new()
    {
        Time = time, Open = open, High = open + 3, Low = open - 2, Close = open + 1, Volume = volume, QuoteVolume = volume * open,
    };
}
