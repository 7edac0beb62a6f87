using System.Net;
using System.Net.Http.Json;
using CryptoViz.Bench.Footprint;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// <c>--churn</c> (1,000) SSE connects and disconnects per second for <c>--churn-seconds</c> (60) straight to Stream's own port
/// (not through DCP's proxy). Stream must keep serving and give back what the clients held: its count of connected clients
/// returns to where it was, and its resident memory is reported before, right after, and once that count is back.
/// </summary>
internal sealed class StreamChurn(int perSecond, TimeSpan duration) : FaultScenario
{
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_sampleEvery = TimeSpan.FromSeconds(10);

    public override string Name => $"{perSecond:N0} SSE connects/disconnects per s, {duration.TotalSeconds:N0} s";

    public override async Task<Injection> InjectAsync(FaultContext context, CancellationToken cancellationToken)
    {
        var stream = context.App.ServiceProcess("stream") ?? throw new InvalidOperationException("Stream's process was not found");
        using var http = context.App.CreateHttpClient("stream");
        var clientsBefore = await ConnectedClientsAsync(http, cancellationToken);
        var rssBefore = RssMiB(stream.Pid);
        var endpoint = new IPEndPoint(IPAddress.Loopback, context.App.ServiceUrl("stream").Port);

        // Sampled along the way: a leak grows with every round of connections, a heap that found its size levels off.
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var samples = SampleAsync(stream.Pid, sampling.Token);
        var churn = await ChurnClient.RunAsync(endpoint, perSecond, duration, cancellationToken);
        var ended = DateTime.UtcNow;
        await sampling.CancelAsync();
        var during = await samples;
        var rssAfter = RssMiB(stream.Pid);
        // Stream drops a client when Kestrel sees its reset: the count comes back once every reset has been seen.
        var clientsAfter = await Poll.UntilAsync(() => ConnectedClientsAsync(http, cancellationToken), c => c <= clientsBefore, s_settleTimeout, cancellationToken);
        var rssSettled = RssMiB(stream.Pid);
        var same = context.App.ServiceProcess("stream")?.Pid == stream.Pid ? "" : " (Stream's process is not the same any more)";
        return new Injection(
            $"{N(churn.Answered)} of {N(churn.Attempted)} connects answered 200 ({N(churn.AnsweredPerSecond)}/s, p99 {N(churn.P99Milliseconds, "N1")} ms to headers), " +
            $"each reset after its headers; Stream RSS MiB: {rssBefore} before, every {s_sampleEvery.TotalSeconds:N0} s {string.Join(", ", during)}, " +
            $"{rssAfter} right after, {rssSettled} with connected clients " +
            $"{clientsBefore} before, {clientsAfter} after{same}", ended);
    }

    private static async Task<List<string>> SampleAsync(int pid, CancellationToken cancellationToken)
    {
        var samples = new List<string>();
        try
        {
            while (true)
            {
                await Task.Delay(s_sampleEvery, cancellationToken);
                samples.Add(RssMiB(pid));
            }
        }
        catch (OperationCanceledException)
        {
            return samples;
        }
    }

    private static string RssMiB(int pid) => ProcFs.TryReadMemory(pid) is { } memory ? N(memory.RssKb / 1024.0) : "n/a";

    private static async Task<int?> ConnectedClientsAsync(HttpClient stream, CancellationToken cancellationToken)
    {
        try
        {
            var stats = await stream.GetFromJsonAsync<System.Text.Json.JsonElement>("/stats", cancellationToken);
            return stats.GetProperty("connected_clients").GetInt32();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
