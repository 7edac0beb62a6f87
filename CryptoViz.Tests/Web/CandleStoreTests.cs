using CryptoViz.Web.Markets;

namespace CryptoViz.Tests.Web;

public sealed class CandleStoreTests
{
    private static readonly QuoteKey s_btc = new("BTC", "coinmarketcap");
    private static readonly DateTime s_bar = new(2025, 9, 4, 18, 40, 0, DateTimeKind.Utc);

    [Fact]
    public void Ticks_in_one_interval_make_one_bar_and_the_next_interval_opens_a_new_one()
    {
        var store = new CandleStore();
        var updates = new List<Candle>();
        store.Updated += (tick, candle) => updates.Add(candle);

        store.Add(Tick(100, s_bar.AddSeconds(5), 0.5));
        store.Add(Tick(110, s_bar.AddMinutes(1), 1.25));
        store.Add(Tick(95, s_bar.AddMinutes(2)));
        store.Add(Tick(104, s_bar.AddMinutes(4).AddSeconds(59), 0.25));
        store.Add(Tick(106, s_bar.AddMinutes(5), 2));

        // Volumes add up per bar; a tick without one adds none.
        var bar = new DateTimeOffset(s_bar).ToUnixTimeSeconds();
        Assert.Equal(
            [new Candle(bar, 100, 110, 95, 104, 2), new Candle(bar + 300, 106, 106, 106, 106, 2)],
            store.History(s_btc));
        Assert.Equal(5, updates.Count);
        Assert.Equal(new Candle(bar, 100, 110, 95, 104, 2), updates[3]);
    }

    [Fact]
    public void Sources_are_kept_apart_and_late_ticks_for_an_older_bar_are_dropped()
    {
        var store = new CandleStore();

        store.Add(Tick(100, s_bar.AddMinutes(5)));
        store.Add(Tick(1, s_bar));
        store.Add(Quotes.Price("BTC", 200, "coingecko") with { Timestamp = s_bar });

        var only = Assert.Single(store.History(s_btc));
        Assert.Equal(100, only.Close);
        Assert.Equal(200, Assert.Single(store.History(new QuoteKey("BTC", "coingecko"))).Close);
        Assert.Empty(store.History(new QuoteKey("ETH", "coinmarketcap")));
    }

    [Fact]
    public void History_keeps_the_last_day()
    {
        var store = new CandleStore();

        for (var i = 0; i < CandleStore.Capacity + 10; i++)
        {
            store.Add(Tick(i, s_bar + CandleStore.Interval * i));
        }

        var history = store.History(s_btc);
        Assert.Equal(CandleStore.Capacity, history.Count);
        Assert.Equal(10, history[0].Open);
    }

    private static CryptoViz.Contracts.Messaging.CryptoPrice Tick(double price, DateTime time, double? volume = null) =>
        Quotes.Price("BTC", price) with { Timestamp = time, Volume = volume };

    [Fact]
    public void Live_bars_sum_their_ticks_volume_and_wider_bars_sum_theirs()
    {
        var bar = new DateTimeOffset(s_bar).ToUnixTimeSeconds();

        var first = LiveCandles.Fold(null, bar + 5, 100, 0.5, 60)!;
        var second = LiveCandles.Fold(first, bar + 40, 101, 0.25, 60)!;
        var next = LiveCandles.Fold(second, bar + 61, 99, 1, 60)!;

        Assert.Equal(new Candle(bar, 100, 101, 100, 101, 0.75), second);
        Assert.Equal(new Candle(bar + 60, 99, 99, 99, 99, 1), next);
        Assert.Null(LiveCandles.Fold(next, bar + 50, 98, 3, 60));
        Assert.Equal([new Candle(bar, 100, 101, 99, 99, 1.75)], LiveCandles.Rebucket([second, next], 300));
    }
}
