using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// End-to-end latency, producer send → event read by SSE clients, against the broker's own produce→consume
/// floor measured at the same time on the same topic (target: p99 ≤ 3× floor).
/// </summary>
internal static class StreamBenchmark
{
    private const double TargetRatio = 3.0;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rate = args.GetInt("rate", 10_000);
        var clientCount = args.GetInt("clients", 100);
        var measured = TimeSpan.FromSeconds(args.GetInt("seconds", 20));
        SseClient.CompleteReceivesInline();
        using var target = await StreamTarget.StartAsync(args);
        Console.WriteLine($"stream: {rate:N0} records/s, {clientCount} SSE clients, {measured.TotalSeconds:N0} s measured, server {target.Description}");

        var result = await LatencyRun.MeasureAsync(target, rate, clientCount, measured);

        var (sse, floor) = (result.Sse, result.Floor);
        Print(["path", "events", "p50 ms", "p99 ms", "max ms"],
        [
            ["broker floor: plain consumer, fetch.wait.max.ms 10", N(floor.Count), N(floor.PercentileMs(0.5), "N2"), N(floor.PercentileMs(0.99), "N2"), N(floor.MaxMs, "N1")],
            [$"producer → Stream → {clientCount} SSE clients", N(sse.Count), N(sse.PercentileMs(0.5), "N2"), N(sse.PercentileMs(0.99), "N2"), N(sse.MaxMs, "N1")],
        ]);
        Print(["check", "value", "target", "result"],
        [
            ["achieved send rate", N(result.SendRate) + "/s", N(rate) + "/s", ""],
            ["SSE events read / (sent × clients), measured window", N(100 * result.DeliveredShare, "N1") + " %", "100 % unless conflated", ""],
            ["CPU: Stream / load generator (readers, producer, broker), cores of " + Environment.ProcessorCount,
                $"{(result.ServerCores is { } cores ? N(cores, "N2") : "n/a")} / {N(result.GeneratorCores, "N2")}", "", ""],
            ["SSE p99 / floor p99", N(result.Ratio, "N2") + "×", $"≤ {TargetRatio:N0}×", result.Ratio <= TargetRatio ? "pass" : "FAIL"],
        ]);
        return 0;
    }
}
