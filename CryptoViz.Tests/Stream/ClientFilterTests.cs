using CryptoViz.Stream.Sse;

namespace CryptoViz.Tests.Stream;

public sealed class ClientFilterTests
{
    [Fact]
    public void No_filter_lets_everything_through()
    {
        Assert.True(ClientFilter.TryParse(null, "", " ", out var filter, out _));

        Assert.True(filter.Matches(ClientQueueTests.Update(1, "BTC", "coinmarketcap")));
        Assert.True(filter.WantsWelcome && filter.WantsUpdates && filter.WantsHeartbeats);
    }

    [Fact]
    public void Symbols_and_sources_match_case_insensitively_and_both_must_hold()
    {
        Assert.True(ClientFilter.TryParse("btc, eth", "CoinGecko", null, out var filter, out _));

        Assert.True(filter.Matches(ClientQueueTests.Update(1, "ETH", "coingecko")));
        Assert.False(filter.Matches(ClientQueueTests.Update(2, "ETH", "coinmarketcap")));
        Assert.False(filter.Matches(ClientQueueTests.Update(3, "SOL", "coingecko")));
    }

    [Fact]
    public void Types_choose_the_envelopes_a_client_gets()
    {
        Assert.True(ClientFilter.TryParse(null, null, "heartbeat", out var filter, out _));

        Assert.False(filter.WantsWelcome);
        Assert.False(filter.Matches(ClientQueueTests.Update(1, "BTC")));
        Assert.True(filter.WantsHeartbeats);
    }

    [Fact]
    public void An_unknown_type_is_refused_with_a_reason()
    {
        Assert.False(ClientFilter.TryParse(null, null, "crypto_update,test", out _, out var error));
        Assert.Contains("'test'", error);
    }
}
