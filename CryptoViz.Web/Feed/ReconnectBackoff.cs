namespace CryptoViz.Web.Feed;

public static class ReconnectBackoff
{
    /// <summary>Exponential: <paramref name="failedAttempts"/> 0 waits the initial delay, each further failure doubles it, up to the cap.</summary>
    public static TimeSpan Delay(int failedAttempts, TimeSpan initial, TimeSpan max)
    {
        // Past 2^20 the doubling would only overflow; the cap is reached long before.
        var factor = Math.Pow(2, Math.Clamp(failedAttempts, 0, 20));
        var ticks = Math.Min(initial.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
