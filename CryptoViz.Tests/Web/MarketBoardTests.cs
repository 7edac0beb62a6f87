using System.Collections.Immutable;
using CryptoViz.Contracts.Messaging;
using CryptoViz.Web.Markets;

namespace CryptoViz.Tests.Web;

public sealed class MarketBoardTests
{
    private static readonly TimeSpan s_highlight = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset s_now = new(2025, 9, 4, 18, 42, 0, TimeSpan.Zero);

    [Fact]
    public void New_quotes_add_rows_ranked_by_the_coins_market_cap_one_rank_per_coin_across_sources()
    {
        var board = new MarketBoard(s_highlight);

        var added = board.Apply(Snapshot(
            Quotes.Price("ETH", 4000, marketCap: 5e11),
            Quotes.Price("BTC", 100000, marketCap: 2e12),
            Quotes.Price("BNB", 800, "coingecko", marketCap: 1e11),
            Quotes.Price("BTC", 100100, "coingecko", marketCap: 2e12)), s_now);

        Assert.True(added);
        var ranks = board.Rows.ToDictionary(r => r.Key, r => r.Rank);
        Assert.Equal(1, ranks[new QuoteKey("BTC", "coinmarketcap")]);
        Assert.Equal(2, ranks[new QuoteKey("ETH", "coinmarketcap")]);
        Assert.Equal(1, ranks[new QuoteKey("BTC", "coingecko")]);
        Assert.Equal(3, ranks[new QuoteKey("BNB", "coingecko")]);
        Assert.All(board.Rows, r => Assert.Equal(PriceMove.None, r.MoveAt(s_now)));
    }

    [Fact]
    public void A_source_without_market_caps_ranks_its_coins_by_the_cap_another_source_knows()
    {
        var board = new MarketBoard(s_highlight);

        board.Apply(Snapshot(
            Quotes.Price("ADA", 0.7, "binance", marketCap: 0),
            Quotes.Price("BTC", 100000, "binance", marketCap: 0),
            Quotes.Price("ETH", 4000, "binance", marketCap: 0),
            Quotes.Price("BTC", 100100, "coingecko", marketCap: 2e12),
            Quotes.Price("ETH", 4001, "coingecko", marketCap: 5e11)), s_now);

        var ranks = board.Rows.Where(r => r.Key.Source == "binance").ToDictionary(r => r.Key.Symbol, r => r.Rank);
        Assert.Equal(new Dictionary<string, int> { ["BTC"] = 1, ["ETH"] = 2, ["ADA"] = 3 }, ranks);
        Assert.Equal("n/a", MarketFormat.MarketCap(board.Rows.First(r => r.Key.Source == "binance").Price.MarketCap));
    }

    [Fact]
    public void A_price_change_highlights_the_row_for_the_highlight_duration()
    {
        var board = new MarketBoard(s_highlight);
        board.Apply(Snapshot(Quotes.Price("BTC", 100), Quotes.Price("ETH", 50)), s_now);

        var added = board.Apply(Snapshot(Quotes.Price("BTC", 101), Quotes.Price("ETH", 49)), s_now);

        Assert.False(added);
        var btc = board.Rows.Single(r => r.Key.Symbol == "BTC");
        var eth = board.Rows.Single(r => r.Key.Symbol == "ETH");
        Assert.Equal(101, btc.Price.Price);
        Assert.Equal(PriceMove.Up, btc.MoveAt(s_now));
        Assert.Equal(PriceMove.Down, eth.MoveAt(s_now + s_highlight - TimeSpan.FromTicks(1)));
        Assert.True(board.HasMovesAt(s_now));
        Assert.Equal(PriceMove.None, btc.MoveAt(s_now + s_highlight));
        Assert.False(board.HasMovesAt(s_now + s_highlight));
    }

    [Fact]
    public void A_new_record_with_the_same_price_does_not_highlight()
    {
        var board = new MarketBoard(s_highlight);
        board.Apply(Snapshot(Quotes.Price("BTC", 100, marketCap: 1)), s_now);

        board.Apply(Snapshot(Quotes.Price("BTC", 100, marketCap: 2)), s_now);

        var row = Assert.Single(board.Rows);
        Assert.Equal(2, row.Price.MarketCap);
        Assert.Equal(PriceMove.None, row.MoveAt(s_now));
    }

    [Fact]
    public void A_rows_24h_volume_is_the_newest_a_live_quote_reported_else_the_one_Ingest_stored()
    {
        var board = new MarketBoard(s_highlight);
        var ticker = Quotes.Price("BTC", 100000, "binance") with { Volume24h = 4.5e8 };
        // Binance's kline quotes bring the minute's volume, not the 24 h one.
        var kline = Quotes.Price("BTC", 100010, "binance") with { Volume = 0.5 };

        board.Apply(Snapshot(ticker, Quotes.Price("ETH", 4000, "binance")), s_now);
        board.ApplyTrends(ImmutableDictionary<QuoteKey, Trend>.Empty
            .Add(new QuoteKey("BTC", "binance"), new Trend([], null, null, 4e8))
            .Add(new QuoteKey("ETH", "binance"), new Trend([], null, null, 3e9)));
        board.Apply(Snapshot(kline, Quotes.Price("ETH", 4000, "binance"), Quotes.Price("SOL", 200, "binance")), s_now);

        var rows = board.Rows.ToDictionary(r => r.Key.Symbol);
        Assert.Equal((4.5e8, 3e9, (double?)null), (rows["BTC"].Volume24h, rows["ETH"].Volume24h, rows["SOL"].Volume24h));
    }

    [Fact]
    public void Trends_reach_existing_rows_and_rows_added_later_with_a_sparkline_that_goes_their_way()
    {
        var board = new MarketBoard(s_highlight);
        board.Apply(Snapshot(Quotes.Price("BTC", 100000)), s_now);

        board.ApplyTrends(ImmutableDictionary<QuoteKey, Trend>.Empty
            .Add(new QuoteKey("BTC", "coinmarketcap"), new Trend([100, 104, 102], null, null, 3.4e10))
            .Add(new QuoteKey("ETH", "coinmarketcap"), new Trend([null, null, 10, null, 9], null, null, null)));
        board.Apply(Snapshot(Quotes.Price("BTC", 100000), Quotes.Price("ETH", 4000), Quotes.Price("SOL", 200)), s_now);

        var rows = board.Rows.ToDictionary(r => r.Key.Symbol);
        Assert.Equal((PriceMove.Up, "0,27 50,1 100,14"), (rows["BTC"].SparklineDirection, rows["BTC"].SparklinePoints));
        // A short history sits at the right of the grid, where it happened, and runs straight over a gap.
        Assert.Equal((PriceMove.Down, "50,1 100,27"), (rows["ETH"].SparklineDirection, rows["ETH"].SparklinePoints));
        Assert.Equal((Trend.None, ""), (rows["SOL"].Trend, rows["SOL"].SparklinePoints));
    }

    [Fact]
    public void Changes_measure_the_live_price_against_the_stored_closes_and_fall_back_on_the_sources_24h_figure()
    {
        var board = new MarketBoard(s_highlight);
        board.Apply(Snapshot(Quotes.Price("BTC", 110, change: 3.5), Quotes.Price("ETH", 90, change: -1.25), Quotes.Price("SOL", 200, change: null)), s_now);

        board.ApplyTrends(ImmutableDictionary<QuoteKey, Trend>.Empty
            .Add(new QuoteKey("BTC", "coinmarketcap"), new Trend([100, 110], 100, 88, null))
            .Add(new QuoteKey("ETH", "coinmarketcap"), new Trend([100, 90], 100, null, null)));
        var rows = board.Rows.ToDictionary(r => r.Key.Symbol);

        // BTC: a day of history; its source's own +3.5 % is not used.
        Assert.Equal(new PercentChange(10, ChangeBasis.History, 100), rows["BTC"].Change1h);
        Assert.Equal(new PercentChange(25, ChangeBasis.History, 88), rows["BTC"].Change24h);
        // ETH: an hour of history, not a day: the source's figure, and said so.
        Assert.Equal(new PercentChange(-10, ChangeBasis.History, 100), rows["ETH"].Change1h);
        Assert.Equal(new PercentChange(-1.25, ChangeBasis.Provider), rows["ETH"].Change24h);
        Assert.Equal("CoinMarketCap's own 24 h change: less than 24 h of history is stored", MarketFormat.ChangeTitle(rows["ETH"].Change24h, "24 h", "coinmarketcap"));
        // SOL: no history and no figure from its source.
        Assert.Equal((PercentChange.None, PercentChange.None), (rows["SOL"].Change1h, rows["SOL"].Change24h));

        // The live price moves the changes without a new trend.
        board.Apply(Snapshot(Quotes.Price("BTC", 121, change: 3.5), Quotes.Price("ETH", 90, change: -1.25), Quotes.Price("SOL", 200, change: null)), s_now);
        Assert.Equal(21, rows["BTC"].Change1h.Percent!.Value, 9);
        Assert.Equal("Live price against the close stored 1 h ago, $100.00", MarketFormat.ChangeTitle(rows["BTC"].Change1h, "1 h", "coinmarketcap"));
    }

    private static ImmutableDictionary<QuoteKey, CryptoPrice> Snapshot(params CryptoPrice[] prices) =>
        prices.ToImmutableDictionary(p => new QuoteKey(p.Symbol, p.Source));
}
