using CryptoViz.Web.Feed;
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
        store.Updated += (key, candle) => updates.Add(candle);

        store.Add(Tick(100, s_bar.AddSeconds(5)));
        store.Add(Tick(110, s_bar.AddMinutes(1)));
        store.Add(Tick(95, s_bar.AddMinutes(2)));
        store.Add(Tick(104, s_bar.AddMinutes(4).AddSeconds(59)));
        store.Add(Tick(106, s_bar.AddMinutes(5)));

        var bar = new DateTimeOffset(s_bar).ToUnixTimeSeconds();
        Assert.Equal(
            [new Candle(bar, 100, 110, 95, 104), new Candle(bar + 300, 106, 106, 106, 106)],
            store.History(s_btc));
        Assert.Equal(5, updates.Count);
        Assert.Equal(new Candle(bar, 100, 110, 95, 104), updates[3]);
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

    private static CryptoViz.ServiceDefaults.Messaging.CryptoPrice Tick(double price, DateTime time) =>
        Quotes.Price("BTC", price) with { Timestamp = time };
}
