using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Scraper;

/// <summary>Cutting one range's candles into pages. The candles are made up: only their times matter here.</summary>
public sealed class HistoryPagesTests
{
    private static readonly DateTime s_from = new(2024, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void More_candles_than_a_page_holds_make_pages_that_tile_the_range_and_split_at_a_candle()
    {
        // 2,500 minutes with a candle, then a 3-hour stretch without, then 10 more; the range ends a day after its start.
        var times = Enumerable.Range(0, 2500).Concat(Enumerable.Range(2680, 10)).Select(m => s_from.AddMinutes(m)).ToList();
        var to = s_from.AddDays(2);

        var pages = HistoryPages.Split(s_from, to, [.. times.Select(Candle)]).ToList();

        HistoryAssert.Tiles(pages, s_from, to);
        Assert.Equal([1000, 1000, 510], pages.Select(p => p.Candles.Count));
        Assert.Equal([s_from.AddMinutes(1000), s_from.AddMinutes(2000), to], pages.Select(p => p.To));
        Assert.Equal(times, pages.SelectMany(p => p.Candles).Select(c => c.Time));
    }

    [Fact]
    public void Exactly_a_page_of_candles_is_one_page()
    {
        var pages = HistoryPages.Split(s_from, s_from.AddDays(1), [.. Enumerable.Range(0, CandleBatch.MaxCandles).Select(m => Candle(s_from.AddMinutes(m)))]).ToList();

        var page = Assert.Single(pages);
        Assert.Equal((s_from, s_from.AddDays(1), CandleBatch.MaxCandles), (page.From, page.To, page.Candles.Count));
    }

    [Fact]
    public void A_range_without_candles_is_one_empty_page_so_that_it_counts_as_filled()
    {
        var page = Assert.Single(HistoryPages.Split(s_from, s_from.AddHours(6), []));

        Assert.Equal((s_from, s_from.AddHours(6)), (page.From, page.To));
        Assert.Empty(page.Candles);
    }

    private static HistoryCandle Candle(DateTime time) => new() { Time = time, Open = 1, High = 1, Low = 1, Close = 1 };
}
