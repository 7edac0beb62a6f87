namespace CryptoViz.Hosting.Supervision;

/// <summary>
/// Counts one run's failed liveness probes the way a Kubernetes livenessProbe does: <see cref="SupervisorOptions.LivenessFailureThreshold"/>
/// failures in a row make the run hung. Until the service first answers, failures count only once
/// <see cref="SupervisorOptions.LivenessStartupGrace"/> has passed (a startupProbe's part), so a slow start is not killed.
/// </summary>
internal sealed class LivenessTracker(SupervisorOptions options, DateTimeOffset startedAt)
{
    private bool _answered;

    /// <summary>Failed probes in a row that count.</summary>
    public int Failures { get; private set; }

    public bool IsHung => Failures >= options.LivenessFailureThreshold;

    public void Succeeded()
    {
        _answered = true;
        Failures = 0;
    }

    /// <returns>Whether this failure counts (false while the service may still be starting).</returns>
    public bool Failed(DateTimeOffset now)
    {
        if (!_answered && now - startedAt < options.LivenessStartupGrace) return false;
        Failures++;
        return true;
    }
}
