using CryptoViz.Hosting.Services;
using Microsoft.Extensions.Logging;

namespace CryptoViz.Hosting.Supervision;

/// <summary>
/// Probes one run of a project on <c>/alive</c> every <see cref="SupervisorOptions.LivenessPeriod"/> until the run counts as
/// hung (<see cref="LivenessTracker"/>). Aspire's own health checks only report a hung service; this lets the supervisor act.
/// </summary>
internal sealed class LivenessProbe(HttpClient http, SupervisorOptions options, TimeProvider time)
{
    /// <returns>The failed probes in a row that made the run hung.</returns>
    public async Task<int> UntilHungAsync(string resource, Uri alive, ILogger resourceLogger, CancellationToken ct)
    {
        var tracker = new LivenessTracker(options, time.GetUtcNow());
        using var timer = new PeriodicTimer(options.LivenessPeriod, time);
        while (!tracker.IsHung)
        {
            await timer.WaitForNextTickAsync(ct);
            if (await ProbeAsync(alive, ct) is not { } failure)
            {
                tracker.Succeeded();
            }
            else if (tracker.Failed(time.GetUtcNow()))
            {
                AppHostLog.LivenessProbeFailed(resourceLogger, resource, alive.AbsolutePath, failure, tracker.Failures, options.LivenessFailureThreshold);
            }
        }

        return tracker.Failures;
    }

    /// <returns>Why the probe failed, or null when it succeeded.</returns>
    private async Task<string?> ProbeAsync(Uri alive, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(options.LivenessTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var response = await http.GetAsync(alive, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return response.IsSuccessStatusCode ? null : $"status {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"no answer within {options.LivenessTimeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
