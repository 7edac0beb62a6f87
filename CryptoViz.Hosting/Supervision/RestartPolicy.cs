using CryptoViz.ServiceDefaults.Resilience;

namespace CryptoViz.Hosting.Supervision;

/// <summary>
/// The supervisor's rules for one resource, fed the states Aspire reports and the outcome of its own Start commands:
/// which failure counts as an attempt, when the attempts start over, how long to wait, when to give up. Not thread-safe.
/// </summary>
internal sealed class RestartPolicy(SupervisorOptions options, TimeProvider time)
{
    private Phase _phase = Phase.Up;
    private DateTimeOffset? _runningSince;
    private bool _stoppingDeliberately;
    private int _attempts;

    private enum Phase
    {
        /// <summary>A run is under way (whoever started it); its first failure counts.</summary>
        Up,

        /// <summary>A failure was counted and a restart is due: further news of the same failure counts no more.</summary>
        Waiting,

        /// <summary>Stopped on purpose, or given up: nothing is restarted until somebody starts it again.</summary>
        Down,
    }

    public void Starting() => _phase = Phase.Up;

    /// <summary>Aspire reports Running again with every change of the snapshot; the run is timed from the first.</summary>
    public void Running()
    {
        _phase = Phase.Up;
        _runningSince ??= time.GetUtcNow();
    }

    public void Stopping() => _stoppingDeliberately = true;

    /// <summary>The resource reached a terminal state: it finished, exited, or failed to start.</summary>
    public RestartDecision Stopped()
    {
        if (!_stoppingDeliberately) return Failed();

        _stoppingDeliberately = false;
        _phase = Phase.Down;
        _runningSince = null;
        return RestartDecision.None;
    }

    /// <summary>The supervisor's Start command failed or threw.</summary>
    public RestartDecision StartFailed() => Failed();

    /// <summary>The backoff has passed: whether to send the Start command (not when somebody started it meanwhile).</summary>
    public bool BeginRestart()
    {
        if (_phase != Phase.Waiting) return false;
        _phase = Phase.Up;
        return true;
    }

    private TimeSpan Backoff(int attempt) => ExponentialBackoff.Delay(attempt, options.InitialDelay, options.MaxDelay);

    private RestartDecision Failed()
    {
        if (_phase != Phase.Up) return RestartDecision.None;

        // Only a run that reached Running and lasted counts as healthy; a failure to start never resets the count.
        if (_runningSince is { } since && time.GetUtcNow() - since >= options.StableAfter) _attempts = 0;
        _runningSince = null;
        if (_attempts >= options.MaxAttempts)
        {
            _phase = Phase.Down;
            return RestartDecision.GiveUp(_attempts);
        }

        _phase = Phase.Waiting;
        _attempts++;
        return RestartDecision.Restart(_attempts, Backoff(_attempts));
    }
}
