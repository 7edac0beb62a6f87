using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// The most SSE clients one server (or <c>--replicas</c> of them, clients spread in turn) keeps under a p99 bound at a
/// fixed event rate: client counts double until the bound breaks or clients stop connecting, then the gap between the last
/// count that passed and the first that failed is halved <c>--refine</c> times. <c>--clients 10000,20000</c> measures
/// those counts instead, each once.
/// </summary>
internal static class FanOutBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rate = args.GetInt("rate", 1_000);
        var boundMs = args.GetInt("p99-ms", 100);
        var maxClients = args.GetInt("max-clients", 6_400);
        var measured = TimeSpan.FromSeconds(args.GetInt("seconds", 8));
        var timedEvery = args.GetInt("timed-every", 10);
        SseClient.CompleteReceivesInline();
        using var target = await StreamTarget.StartAsync(args);
        Console.WriteLine($"fanout: {rate:N0} records/s, p99 ≤ {boundMs} ms, {measured.TotalSeconds:N0} s per step, server {target.Description}, " +
                          $"one client in {timedEvery} timed, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        var rows = new List<string[]>();
        var (best, failed) = (0, 0);
        if (args.GetString("clients") is { } counts)
        {
            foreach (var clients in counts.Split(',').Select(int.Parse)) await StepAsync(target, rate, clients, measured, timedEvery, boundMs, rows);
            PrintRows(boundMs, rows);
            return 0;
        }

        for (var clients = args.GetInt("from", 100); clients <= maxClients; clients *= 2)
        {
            if (await StepAsync(target, rate, clients, measured, timedEvery, boundMs, rows)) best = clients;
            else
            {
                failed = clients;
                break;
            }
        }

        for (var step = 0; step < args.GetInt("refine", 2) && best > 0 && failed - best > 1; step++)
        {
            var clients = (best + failed) / 2;
            if (await StepAsync(target, rate, clients, measured, timedEvery, boundMs, rows)) best = clients;
            else failed = clients;
        }

        PrintRows(boundMs, rows);
        Console.WriteLine($"most clients served at {rate:N0} events/s with p99 ≤ {boundMs} ms: {best:N0}" +
                          (failed > 0 ? $" ({failed:N0} did not)" : ""));
        return 0;
    }

    private static void PrintRows(int boundMs, List<string[]> rows) =>
        Print(["clients", "p50 ms", "p99 ms", "max ms", "floor p99 ms", "p99 / floor", "delivered", "Stream / generator cores", "Stream RSS MiB",
            "load avg", $"p99 ≤ {boundMs} ms"], rows);

    /// <returns>Whether <paramref name="clients"/> were served within the bound; false also when they did not all connect.</returns>
    private static async Task<bool> StepAsync(StreamTarget target, int rate, int clients, TimeSpan measured, int timedEvery, int boundMs,
        List<string[]> rows)
    {
        LatencyResult result;
        try
        {
            result = await LatencyRun.MeasureAsync(target, rate, clients, measured, timedEvery);
        }
        catch (TimeoutException)
        {
            rows.Add([N(clients), "clients did not all connect", "", "", "", "", "", "", "", "", ""]);
            return false;
        }

        var p99 = result.Sse.PercentileMs(0.99);
        var ok = p99 <= boundMs && result.DeliveredShare >= 0.99;
        var cores = $"{(result.ServerCores is { } server ? N(server, "N2") : "n/a")} / {N(result.GeneratorCores, "N2")}" +
                    (result.ReaderProcesses > 0 ? $" ({result.ReaderProcesses} reader processes)" : "");
        rows.Add([N(clients), N(result.Sse.PercentileMs(0.5), "N1"), N(p99, "N1"), N(result.Sse.MaxMs, "N0"), N(result.Floor.PercentileMs(0.99), "N1"),
            N(result.Ratio, "N1") + "×", N(100 * result.DeliveredShare, "N2") + " %", cores,
            result.ServerRssMiB is { } rss ? N(rss, "N0") : "n/a", File.ReadAllText("/proc/loadavg").Split(' ')[0], ok ? "pass" : "FAIL"]);
        return ok;
    }
}
