namespace CryptoViz.ServiceDefaults.Resilience;

/// <summary>
/// The one exponential backoff of the services and the AppHost: the first retry waits the initial delay, each further one
/// twice as long, never more than the cap, for any number of retries.
/// </summary>
public static class ExponentialBackoff
{
    /// <param name="retry">1 for the first retry; less counts as the first.</param>
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max)
    {
        var doublings = Math.Max(retry - 1, 0);
        // Compared before the shift: C# wraps a shift of 64 bits or more, and an overflowing one goes negative.
        return doublings < 63 && initial.Ticks <= max.Ticks >> doublings
            ? TimeSpan.FromTicks(initial.Ticks << doublings)
            : max;
    }
}
