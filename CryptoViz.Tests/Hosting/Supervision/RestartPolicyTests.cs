using CryptoViz.Hosting.Supervision;
using Microsoft.Extensions.Time.Testing;

namespace CryptoViz.Tests.Hosting.Supervision;

/// <summary>The supervisor's rules, driven state by state the way Aspire reports a resource, on a fake clock.</summary>
public sealed class RestartPolicyTests
{
    private static readonly TimeSpan s_shortRun = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_crash_is_restarted_after_the_initial_delay_and_each_crash_in_a_row_waits_twice_as_long_up_to_the_cap()
    {
        var policy = RunningPolicy(Options());
        List<TimeSpan> delays = [];

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var decision = policy.Stopped();

            Assert.Equal(RestartDecision.Restart(attempt, decision.Delay), decision);
            delays.Add(decision.Delay);
            RestartAndRun(policy, decision, s_shortRun);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void After_MaxAttempts_crashes_in_a_row_the_supervisor_gives_up_and_schedules_nothing_more()
    {
        var policy = RunningPolicy(Options(maxAttempts: 3));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            RestartAndRun(policy, policy.Stopped(), s_shortRun);
        }

        Assert.Equal(RestartDecision.GiveUp(3), policy.Stopped());
        Assert.Equal(RestartDecision.None, policy.Stopped());
    }

    [Fact]
    public void A_deliberate_stop_is_not_restarted_and_does_not_count_as_an_attempt()
    {
        var policy = RunningPolicy(Options());
        RestartAndRun(policy, policy.Stopped(), s_shortRun);

        policy.Stopping();
        Assert.Equal(RestartDecision.None, policy.Stopped());
        policy.Starting();
        policy.Running();
        _time.Advance(s_shortRun);

        Assert.Equal(2, policy.Stopped().Attempt);
    }

    [Fact]
    public void A_run_that_lasted_StableAfter_starts_the_backoff_over()
    {
        var policy = RunningPolicy(Options());
        RestartAndRun(policy, policy.Stopped(), s_shortRun);
        RestartAndRun(policy, policy.Stopped(), Options().StableAfter);

        Assert.Equal(RestartDecision.Restart(1, TimeSpan.FromSeconds(1)), policy.Stopped());
    }

    [Fact]
    public void A_run_lasts_from_when_it_reached_Running_not_from_its_latest_update()
    {
        var policy = RunningPolicy(Options());
        var decision = policy.Stopped();
        _time.Advance(decision.Delay);
        policy.BeginRestart();
        policy.Starting();
        policy.Running();

        // Aspire reports Running again whenever the snapshot changes (health, URLs): the run is still the same.
        _time.Advance(Options().StableAfter - TimeSpan.FromSeconds(10));
        policy.Running();
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(1, policy.Stopped().Attempt);
    }

    [Fact]
    public void Failures_to_start_after_a_long_healthy_run_count_up_and_end_in_giving_up()
    {
        var policy = RunningPolicy(Options(maxAttempts: 4));
        _time.Advance(TimeSpan.FromHours(1));
        var decision = policy.Stopped();
        Assert.Equal(1, decision.Attempt);

        // FailedToStart after each restart: the process never reaches Running, so no run can count as stable.
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            _time.Advance(decision.Delay);
            Assert.True(policy.BeginRestart());
            policy.Starting();
            decision = policy.Stopped();

            Assert.Equal(RestartDecision.Restart(attempt, TimeSpan.FromSeconds(1 << (attempt - 1))), decision);
        }

        _time.Advance(decision.Delay);
        policy.BeginRestart();
        Assert.Equal(RestartDecision.GiveUp(4), policy.Stopped());
    }

    [Fact]
    public void A_failed_Start_command_counts_as_an_attempt_and_is_retried_with_backoff_until_the_supervisor_gives_up()
    {
        var policy = RunningPolicy(Options(maxAttempts: 3));
        var decision = policy.Stopped();

        for (var attempt = 2; attempt <= 3; attempt++)
        {
            _time.Advance(decision.Delay);
            Assert.True(policy.BeginRestart());
            decision = policy.StartFailed();

            Assert.Equal(RestartDecision.Restart(attempt, TimeSpan.FromSeconds(1 << (attempt - 1))), decision);
        }

        _time.Advance(decision.Delay);
        policy.BeginRestart();
        Assert.Equal(RestartDecision.GiveUp(3), policy.StartFailed());
    }

    [Fact]
    public void A_failed_Start_and_the_FailedToStart_state_reported_for_it_are_one_failure()
    {
        var policy = RunningPolicy(Options());
        var decision = policy.Stopped();
        _time.Advance(decision.Delay);
        policy.BeginRestart();

        Assert.Equal(2, policy.StartFailed().Attempt);
        Assert.Equal(RestartDecision.None, policy.Stopped());

        _time.Advance(TimeSpan.FromSeconds(2));
        policy.BeginRestart();
        Assert.Equal(3, policy.Stopped().Attempt);
    }

    [Fact]
    public void A_service_started_by_hand_during_the_backoff_is_not_started_a_second_time()
    {
        var policy = RunningPolicy(Options());
        var decision = policy.Stopped();

        policy.Starting();
        policy.Running();
        _time.Advance(decision.Delay);

        Assert.False(policy.BeginRestart());
    }

    [Fact]
    public void The_backoff_stays_positive_and_within_the_cap_however_many_attempts_there_are()
    {
        var options = Options(maxAttempts: 200);
        var policy = RunningPolicy(options);
        List<TimeSpan> delays = [];
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            var decision = policy.Stopped();
            delays.Add(decision.Delay);
            RestartAndRun(policy, decision, s_shortRun);
        }

        Assert.All(delays, d => Assert.InRange(d, options.InitialDelay, options.MaxDelay));
        Assert.Equal(delays.Order(), delays);
        Assert.Equal(options.MaxDelay, delays[^1]);
    }

    private static SupervisorOptions Options(int maxAttempts = 8) => new()
    {
        InitialDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(60),
        MaxAttempts = maxAttempts,
        StableAfter = TimeSpan.FromMinutes(2),
    };

    private RestartPolicy RunningPolicy(SupervisorOptions options)
    {
        var policy = new RestartPolicy(options, _time);
        policy.Starting();
        policy.Running();
        _time.Advance(s_shortRun);
        return policy;
    }

    /// <summary>The backoff passes, the supervisor starts the service, and it runs for <paramref name="run"/>.</summary>
    private void RestartAndRun(RestartPolicy policy, RestartDecision decision, TimeSpan run)
    {
        Assert.Equal(RestartAction.Restart, decision.Action);
        _time.Advance(decision.Delay);
        Assert.True(policy.BeginRestart());
        policy.Starting();
        policy.Running();
        _time.Advance(run);
    }
}
