namespace CryptoViz.Bench.Faults;

/// <summary>Asks until the answer is what is waited for, or the time is up; never a fixed sleep in its place.</summary>
internal static class Poll
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(250);

    /// <returns>The last answer, whether it satisfied <paramref name="done"/> or the time ran out.</returns>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var answer = await probe();
        while (!done(answer) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(s_interval, cancellationToken);
            answer = await probe();
        }

        return answer;
    }
}
