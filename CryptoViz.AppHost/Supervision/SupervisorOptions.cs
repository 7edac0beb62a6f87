namespace CryptoViz.AppHost.Supervision;

/// <summary>Backoff for restarting crashed services; AppHost configuration section <c>Supervisor</c>.</summary>
public sealed class SupervisorOptions
{
    public const string SectionName = "Supervisor";

    public bool Enabled { get; set; } = true;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    public int MaxAttempts { get; set; } = 8;

    /// <summary>A run at least this long resets the backoff.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(2);
}
