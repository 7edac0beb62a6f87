using CryptoViz.Web.Feed;

namespace CryptoViz.Tests.Web;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan s_initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(1000, 30)]
    [InlineData(int.MaxValue, 30)]
    public void Delay_doubles_per_failure_up_to_the_cap(int failedAttempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ReconnectBackoff.Delay(failedAttempts, s_initial, s_max));
}
