namespace CryptoViz.Tests.Support;

/// <summary>Polls a condition until it holds or the timeout passes: tests wait on state, never on the clock.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, Func<T?, bool> until, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        T? last = default;
        while (!cts.IsCancellationRequested)
        {
            try
            {
                last = await probe();
                if (until(last)) return last!;
            }
            catch (HttpRequestException)
            {
                // The service is still coming up; ask again.
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last value: {last}");
    }
}
