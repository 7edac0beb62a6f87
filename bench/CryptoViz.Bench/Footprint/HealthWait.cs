using System.Diagnostics;

namespace CryptoViz.Bench.Footprint;

/// <summary>Polls each service's <c>/health</c> (through the AppHost's proxy on its port) until all answer 200.</summary>
internal static class HealthWait
{
    /// <returns>Per service, the time from <paramref name="started"/> until its first 200.</returns>
    public static async Task<IReadOnlyDictionary<string, TimeSpan>> AllAsync(
        IReadOnlyDictionary<string, Uri> healthUrls, AppHostProcess appHost, long started, TimeSpan timeout, string logPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var healthy = new Dictionary<string, TimeSpan>();
        var lastAnswer = healthUrls.Keys.ToDictionary(s => s, _ => "no answer yet");
        while (healthy.Count < healthUrls.Count)
        {
            if (appHost.HasExited) throw new InvalidOperationException($"the AppHost exited with {appHost.ExitCode} before every service was healthy; see {logPath}.");
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                var waiting = healthUrls.Where(h => !healthy.ContainsKey(h.Key)).Select(h => $"{h.Key} ({h.Value}: {lastAnswer[h.Key]})");
                throw new TimeoutException($"not healthy within {timeout.TotalSeconds:N0} s: {string.Join(", ", waiting)}; see {logPath}.");
            }

            foreach (var (service, url) in healthUrls.Where(h => !healthy.ContainsKey(h.Key)))
            {
                lastAnswer[service] = await AskAsync(http, url, cancellationToken);
                if (lastAnswer[service] == "200") healthy[service] = Stopwatch.GetElapsedTime(started);
            }

            if (healthy.Count < healthUrls.Count) await Task.Delay(1000, cancellationToken);
        }

        return healthy;
    }

    private static async Task<string> AskAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return ((int)response.StatusCode).ToString();
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return e.GetType().Name; // not listening yet, or too slow to answer
        }
    }
}
