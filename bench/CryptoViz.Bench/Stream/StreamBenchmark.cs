using System.Diagnostics;
using CryptoViz.ServiceDefaults.Messaging;
using static CryptoViz.Bench.MarkdownTable;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// End-to-end latency, producer send → event read by SSE clients of a real Stream process, against the
/// broker's own produce→consume floor measured at the same time on the same topic (target: p99 ≤ 3× floor).
/// </summary>
internal static class StreamBenchmark
{
    private const double TargetRatio = 3.0;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_drain = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rate = args.GetInt("rate", 10_000);
        var clientCount = args.GetInt("clients", 100);
        var measured = TimeSpan.FromSeconds(args.GetInt("seconds", 20));
        var dllPath = args.GetString("stream-dll") ?? StreamServerProcess.LocateDll();
        Console.WriteLine($"stream: {rate:N0} records/s, {clientCount} SSE clients, {measured.TotalSeconds:N0} s measured, server {dllPath}");

        using var broker = EmbeddedKafka.Start(Topics.Streaming, Topics.SeedPartitions);
        var logPath = Path.Combine(Path.GetTempPath(), $"cryptoviz-bench-stream-{Environment.ProcessId}.log");
        using var server = StreamServerProcess.Start(dllPath, broker.BootstrapServers, logPath);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await server.WaitHealthyAsync(http, TimeSpan.FromSeconds(60));

        using var stop = new CancellationTokenSource();
        var window = new MeasureWindow();
        var sse = new LatencyHistogram();
        var floor = new LatencyHistogram();

        var connected = Enumerable.Range(0, clientCount).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var clients = connected.Select(c => SseClient.RunAsync(http, new Uri(server.BaseAddress, "/stream"), window, sse, c, stop.Token)).ToList();
        await Task.WhenAll(connected.Select(c => c.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        using var floorAssigned = new ManualResetEventSlim();
        var floorTask = Task.Factory.StartNew(() => FloorConsumer.Run(broker.BootstrapServers, Topics.Streaming, window, floor, floorAssigned, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        floorAssigned.Wait(TimeSpan.FromSeconds(30));

        // Every reader is in place: measuring starts after the warm-up.
        var produceStarted = Stopwatch.GetTimestamp();
        window.Open(produceStarted + (long)(s_warmUp.TotalSeconds * Stopwatch.Frequency));
        var (sent, measuredSent) = await Task.Factory.StartNew(
            () => PacedProducer.Run(broker.BootstrapServers, Topics.Streaming, rate, s_warmUp + measured, window),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var produceElapsed = Stopwatch.GetElapsedTime(produceStarted);
        await Task.Delay(s_drain);
        await stop.CancelAsync();
        await Task.WhenAll([.. clients, floorTask]);

        var ratio = sse.PercentileMs(0.99) / floor.PercentileMs(0.99);
        Print(["path", "events", "p50 ms", "p99 ms", "max ms"],
        [
            ["broker floor: plain consumer, fetch.wait.max.ms 10", N(floor.Count), N(floor.PercentileMs(0.5), "N2"), N(floor.PercentileMs(0.99), "N2"), N(floor.MaxMs, "N1")],
            [$"producer → Stream → {clientCount} SSE clients", N(sse.Count), N(sse.PercentileMs(0.5), "N2"), N(sse.PercentileMs(0.99), "N2"), N(sse.MaxMs, "N1")],
        ]);
        Print(["check", "value", "target", "result"],
        [
            ["achieved send rate", N(sent / produceElapsed.TotalSeconds) + "/s", N(rate) + "/s", ""],
            ["SSE events read / (sent × clients), measured window", N(100.0 * sse.Count / Math.Max(1, measuredSent * clientCount), "N1") + " %", "100 % unless conflated", ""],
            ["SSE p99 / floor p99", N(ratio, "N2") + "×", $"≤ {TargetRatio:N0}×", ratio <= TargetRatio ? "pass" : "FAIL"],
        ]);
        return 0;
    }
}
