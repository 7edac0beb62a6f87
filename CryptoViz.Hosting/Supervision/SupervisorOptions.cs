using System.ComponentModel.DataAnnotations;

namespace CryptoViz.Hosting.Supervision;

/// <summary>
/// Restarting crashed services with backoff, and hung ones once their liveness probes fail; AppHost configuration section
/// <c>Supervisor</c>. The probe settings mirror a Kubernetes livenessProbe (periodSeconds, timeoutSeconds, failureThreshold)
/// and startupProbe (the grace), with the values the published manifests give.
/// </summary>
public sealed class SupervisorOptions : IValidatableObject
{
    public const string SectionName = "Supervisor";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Restarts in a row before the supervisor gives up.</summary>
    [Range(1, 10_000)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>A run that reached Running and lasted at least this long resets the backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Probe each project's <c>/alive</c> and kill it when it hangs. Turn off to pause a service in a debugger.</summary>
    public bool ProbeLiveness { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LivenessPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A probe not answered with a success status within this long fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LivenessTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Failed probes in a row after which the process counts as hung and is killed.</summary>
    [Range(1, 1_000)]
    public int LivenessFailureThreshold { get; set; } = 3;

    /// <summary>How long a started process may take to answer its first probe before failures count.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LivenessStartupGrace { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < InitialDelay)
        {
            yield return new ValidationResult($"{nameof(MaxDelay)} must not be shorter than {nameof(InitialDelay)}.",
                [nameof(MaxDelay), nameof(InitialDelay)]);
        }
    }
}
