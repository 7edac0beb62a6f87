using CryptoViz.ServiceDefaults.Resilience;

namespace CryptoViz.Tests.ServiceDefaults;

public sealed class ExponentialBackoffTests
{
    private static readonly TimeSpan s_initial = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 500)]
    [InlineData(2, 1_000)]
    [InlineData(3, 2_000)]
    [InlineData(7, 30_000)]
    [InlineData(64, 30_000)]
    [InlineData(int.MaxValue, 30_000)]
    public void Doubles_from_the_first_retry_up_to_the_cap_for_any_count(int retry, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ExponentialBackoff.Delay(retry, s_initial, s_max));

    [Fact]
    public void An_initial_delay_above_the_cap_waits_the_cap() =>
        Assert.Equal(s_max, ExponentialBackoff.Delay(1, TimeSpan.FromMinutes(5), s_max));
}
