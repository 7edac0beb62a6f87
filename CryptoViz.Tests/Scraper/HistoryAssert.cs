using CryptoViz.Scraper.Backfill;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Tests.Scraper;

/// <summary>What <see cref="IHistorySource.FetchAsync"/> promises of its pages, whatever the provider had.</summary>
internal static class HistoryAssert
{
    /// <summary>
    /// The pages tile [<paramref name="from"/>, <paramref name="to"/>) without gap or overlap, oldest first, none empty of
    /// range; each holds at most <see cref="CandleBatch.MaxCandles"/> candles, in time order, one per minute at most, all on
    /// a minute and inside its page.
    /// </summary>
    public static void Tiles(IReadOnlyList<HistoryPage> pages, DateTime from, DateTime to)
    {
        Assert.NotEmpty(pages);
        Assert.Equal(from, pages[0].From);
        Assert.Equal(to, pages[^1].To);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            Assert.True(page.From < page.To, $"page {i} covers [{page.From:O}, {page.To:O})");
            if (i > 0) Assert.Equal(pages[i - 1].To, page.From);
            Assert.True(page.Candles.Count <= CandleBatch.MaxCandles, $"page {i} has {page.Candles.Count} candles");
            for (var c = 0; c < page.Candles.Count; c++)
            {
                var time = page.Candles[c].Time;
                Assert.True(time >= page.From && time < page.To, $"page {i}: candle at {time:O} outside [{page.From:O}, {page.To:O})");
                Assert.Equal(0, time.Ticks % TimeSpan.TicksPerMinute);
                if (c > 0) Assert.True(time > page.Candles[c - 1].Time, $"page {i}: candle at {time:O} not after the previous one");
            }
        }
    }
}
