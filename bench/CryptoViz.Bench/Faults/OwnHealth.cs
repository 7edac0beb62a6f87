namespace CryptoViz.Bench.Faults;

/// <summary>
/// A service's own <c>/health</c> verdict, which tells Degraded from Healthy: both answer 200, so Aspire shows both as
/// Healthy. The answer is the verdict's text, or why there was none.
/// </summary>
internal static class OwnHealth
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(2);

    /// <summary>Asks every half second until <paramref name="until"/>.</summary>
    /// <returns>Each change of the verdict with the seconds since <paramref name="from"/>, e.g. "Healthy at +0 s, Degraded at +2 s".</returns>
    public static async Task<string> TrailAsync(HttpClient service, DateTime from, DateTime until, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        string? last = null;
        while (DateTime.UtcNow < until)
        {
            var verdict = await AskAsync(service, cancellationToken);
            if (verdict != last) seen.Add($"{verdict} at +{(DateTime.UtcNow - from).TotalSeconds:N0} s");
            last = verdict;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        return string.Join(", ", seen);
    }

    public static async Task<string> AskAsync(HttpClient service, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            using var response = await service.GetAsync("/health", timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return text is { Length: > 0 and < 20 } ? text : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException)
        {
            return "no answer";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "no answer";
        }
    }
}
