using CryptoViz.Contracts.Apis;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Ingest;

/// <summary>History pages (<c>crypto-candles</c>) as a backfill publishes them, and the candles the query API makes of them.</summary>
internal static class BackfillPages
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Candles every <paramref name="every"/> minutes of [from, to) on a zig-zag raised by <paramref name="shift"/>, in pages
    /// of at most 1,000 minutes; every fourth minute's volumes are left out, as a provider may.
    /// </summary>
    public static List<CandleBatch> Pages(string symbol, string source, DateTime from, DateTime to, int every = 1, double shift = 0)
    {
        var pages = new List<CandleBatch>();
        for (var pageFrom = from; pageFrom < to; pageFrom += s_minute * CandleBatch.MaxCandles)
        {
            var pageTo = pageFrom + s_minute * CandleBatch.MaxCandles < to ? pageFrom + s_minute * CandleBatch.MaxCandles : to;
            var candles = new List<HistoryCandle>();
            for (var t = pageFrom; t < pageTo; t += s_minute * every)
            {
                var i = (int)((t - from) / s_minute);
                candles.Add(Candle(t, 100 + i % 13 + shift, volume: i % 4 == 0 ? null : 1 + i % 5));
            }

            pages.Add(new CandleBatch
            {
                Symbol = symbol, Name = symbol, Source = source, From = pageFrom, To = pageTo, Candles = candles,
                ProducerId = "tests", IngestionTimestamp = to,
            });
        }

        return pages;
    }

    /// <summary>One page of <paramref name="minutes"/> candles from <paramref name="from"/>.</summary>
    public static CandleBatch Page(string symbol, string source, DateTime from, int minutes, double shift = 0) =>
        Pages(symbol, source, from, from + s_minute * minutes, shift: shift).Single();

    /// <summary>The query API's candle of a history candle: no ticks, a volume the provider left out read as 0.</summary>
    public static Candle AsCandle(HistoryCandle c) => new(c.Time, c.Open, c.High, c.Low, c.Close, 0, c.Volume ?? 0, c.QuoteVolume ?? 0);

    private static HistoryCandle Candle(DateTime time, double open, double? volume) => new()
    {
        Time = time, Open = open, High = open + 3, Low = open - 2, Close = open + 1, Volume = volume, QuoteVolume = volume * open,
    };
}
