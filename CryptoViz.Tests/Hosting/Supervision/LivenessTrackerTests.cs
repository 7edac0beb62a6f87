using CryptoViz.Hosting.Supervision;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Hosting.Supervision;

public sealed class LivenessTrackerTests
{
    private static readonly SupervisorOptions s_options = new()
    {
        LivenessPeriod = TimeSpan.FromSeconds(10),
        LivenessFailureThreshold = 3,
        LivenessStartupGrace = TimeSpan.FromMinutes(2),
    };

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Failures_in_a_row_up_to_the_threshold_make_a_run_hung()
    {
        var tracker = AnsweredOnce();

        Assert.True(tracker.Failed(_time.GetUtcNow()));
        Assert.True(tracker.Failed(_time.GetUtcNow()));
        Assert.False(tracker.IsHung);
        Assert.True(tracker.Failed(_time.GetUtcNow()));
        Assert.True(tracker.IsHung);
    }

    [Fact]
    public void A_success_in_between_starts_the_count_over()
    {
        var tracker = AnsweredOnce();
        tracker.Failed(_time.GetUtcNow());
        tracker.Failed(_time.GetUtcNow());

        tracker.Succeeded();
        tracker.Failed(_time.GetUtcNow());
        tracker.Failed(_time.GetUtcNow());

        Assert.Equal(2, tracker.Failures);
        Assert.False(tracker.IsHung);
    }

    [Fact]
    public void A_slow_start_is_not_hung_within_the_grace_but_one_that_never_answers_is_after_it()
    {
        var tracker = new LivenessTracker(s_options, _time.GetUtcNow());
        for (var probe = 0; probe < 11; probe++)
        {
            _time.Advance(s_options.LivenessPeriod);
            Assert.False(tracker.Failed(_time.GetUtcNow()));
        }

        _time.Advance(s_options.LivenessPeriod);
        for (var probe = 0; probe < 3; probe++) tracker.Failed(_time.GetUtcNow());

        Assert.True(tracker.IsHung);
    }

    [Fact]
    public void Once_a_run_has_answered_its_failures_count_even_within_the_grace()
    {
        var tracker = new LivenessTracker(s_options, _time.GetUtcNow());
        _time.Advance(s_options.LivenessPeriod);
        tracker.Succeeded();

        for (var probe = 0; probe < 3; probe++) tracker.Failed(_time.GetUtcNow());

        Assert.True(tracker.IsHung);
    }

    private LivenessTracker AnsweredOnce()
    {
        var tracker = new LivenessTracker(s_options, _time.GetUtcNow());
        tracker.Succeeded();
        return tracker;
    }
}
