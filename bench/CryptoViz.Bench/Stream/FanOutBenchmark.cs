using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// The most SSE clients one server keeps under a p99 bound at a fixed event rate (issue target: 1k events/s,
/// p99 ≤ 100 ms): client counts double until the bound breaks or clients stop connecting, then the gap between the
/// last count that passed and the first that failed is halved <c>--refine</c> times.
/// </summary>
internal static class FanOutBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rate = args.GetInt("rate", 1_000);
        var boundMs = args.GetInt("p99-ms", 100);
        var maxClients = args.GetInt("max-clients", 6_400);
        var measured = TimeSpan.FromSeconds(args.GetInt("seconds", 8));
        SseClient.CompleteReceivesInline();
        using var target = await StreamTarget.StartAsync(args);
        Console.WriteLine($"fanout: {rate:N0} records/s, p99 ≤ {boundMs} ms, {measured.TotalSeconds:N0} s per step, server {target.Description}");

        var rows = new List<string[]>();
        var (best, failed) = (0, 0);
        for (var clients = args.GetInt("from", 100); clients <= maxClients; clients *= 2)
        {
            if (await StepAsync(target, rate, clients, measured, boundMs, rows)) best = clients;
            else
            {
                failed = clients;
                break;
            }
        }

        for (var step = 0; step < args.GetInt("refine", 2) && best > 0 && failed - best > 1; step++)
        {
            var clients = (best + failed) / 2;
            if (await StepAsync(target, rate, clients, measured, boundMs, rows)) best = clients;
            else failed = clients;
        }

        Print(["clients", "p50 ms", "p99 ms", "delivered", $"p99 ≤ {boundMs} ms"], rows);
        Console.WriteLine($"most clients served at {rate:N0} events/s with p99 ≤ {boundMs} ms: {best:N0}" +
                          (failed > 0 ? $" ({failed:N0} did not)" : ""));
        return 0;
    }

    /// <returns>Whether <paramref name="clients"/> were served within the bound; false also when they did not all connect.</returns>
    private static async Task<bool> StepAsync(StreamTarget target, int rate, int clients, TimeSpan measured, int boundMs, List<string[]> rows)
    {
        LatencyResult result;
        try
        {
            result = await LatencyRun.MeasureAsync(target, rate, clients, measured);
        }
        catch (TimeoutException)
        {
            rows.Add([N(clients), "clients did not all connect", "", "", ""]);
            return false;
        }

        var p99 = result.Sse.PercentileMs(0.99);
        var ok = p99 <= boundMs && result.DeliveredShare >= 0.99;
        rows.Add([N(clients), N(result.Sse.PercentileMs(0.5), "N1"), N(p99, "N1"), N(100 * result.DeliveredShare, "N1") + " %", ok ? "pass" : "FAIL"]);
        return ok;
    }
}
