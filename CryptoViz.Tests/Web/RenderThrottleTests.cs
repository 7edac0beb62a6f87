using CryptoViz.Web.Components;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Web;

public sealed class RenderThrottleTests
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Many_requests_within_an_interval_give_one_tick_at_its_end()
    {
        var time = new FakeTimeProvider();
        var ticks = 0;
        using var throttle = new RenderThrottle(s_interval, time, () => ticks++);

        for (var i = 0; i < 100; i++)
        {
            throttle.Request();
        }

        time.Advance(s_interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, ticks);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, ticks);
        time.Advance(s_interval * 4);
        Assert.Equal(1, ticks);
    }

    [Fact]
    public void A_request_after_a_tick_schedules_the_next_one()
    {
        var time = new FakeTimeProvider();
        var ticks = 0;
        using var throttle = new RenderThrottle(s_interval, time, () => ticks++);

        throttle.Request();
        time.Advance(s_interval);
        throttle.Request();
        throttle.Request();
        time.Advance(s_interval);

        Assert.Equal(2, ticks);
    }

    [Fact]
    public void A_request_made_during_a_tick_is_not_lost()
    {
        var time = new FakeTimeProvider();
        var ticks = 0;
        RenderThrottle? throttle = null;
        throttle = new RenderThrottle(s_interval, time, () =>
        {
            if (++ticks == 1)
            {
                throttle!.Request();
            }
        });

        using (throttle)
        {
            throttle.Request();
            time.Advance(s_interval);
            time.Advance(s_interval);
        }

        Assert.Equal(2, ticks);
    }
}
