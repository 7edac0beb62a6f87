using CryptoViz.ServiceDefaults.Messaging;

namespace CryptoViz.Scraper.Backfill;

/// <summary>How a request is cut into pages of one message each: consecutive ranges of at most <see cref="CandleBatch.MaxCandles"/> minutes.</summary>
public static class HistoryPages
{
    private static readonly TimeSpan s_page = TimeSpan.FromMinutes(CandleBatch.MaxCandles);

    public static IEnumerable<(DateTime From, DateTime To)> Tile(DateTime from, DateTime to)
    {
        for (var pageFrom = from; pageFrom < to; pageFrom += s_page)
        {
            yield return (pageFrom, pageFrom + s_page < to ? pageFrom + s_page : to);
        }
    }
}
