using System.Diagnostics;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// One measured run: N SSE clients and a plain consumer (the broker's own floor) read while records are
/// produced at a fixed rate; only sends after the warm-up count.
/// </summary>
internal static class LatencyRun
{
    // Under 10k events/s × 100 clients a freshly started Stream needs 2–3 s (JIT tiering, thread-pool ramp-up) before its
    // latency settles: the worst event per 100 ms fell from ~300 ms to under 80 ms. Only the steady state is measured.
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_drain = TimeSpan.FromSeconds(2);

    public static async Task<LatencyResult> MeasureAsync(StreamTarget target, int rate, int clientCount, TimeSpan measured)
    {
        using var stop = new CancellationTokenSource();
        var window = new MeasureWindow();
        var sse = new LatencyHistogram();
        var floor = new LatencyHistogram();

        var connected = Enumerable.Range(0, clientCount).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var clients = connected.Select(c => SseClient.RunAsync(target.StreamUrl, window, sse, c, stop.Token)).ToList();
        try
        {
            await Task.WhenAll(connected.Select(c => c.Task)).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // Do not leave the readers that did connect running into the next step.
            await stop.CancelAsync();
            await Task.WhenAll(clients).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }

        using var floorAssigned = new ManualResetEventSlim();
        var floorTask = Task.Factory.StartNew(() => FloorConsumer.Run(target.BootstrapServers, target.Topic, window, floor, floorAssigned, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        floorAssigned.Wait(TimeSpan.FromSeconds(30));

        var (serverCpu, ownCpu) = (target.ServerCpu, Environment.CpuUsage.TotalTime);
        var produceStarted = Stopwatch.GetTimestamp();
        window.Open(produceStarted + (long)(s_warmUp.TotalSeconds * Stopwatch.Frequency));
        var (sent, measuredSent) = await Task.Factory.StartNew(
            () => PacedProducer.Run(target.BootstrapServers, target.Topic, rate, s_warmUp + measured, window),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var produceElapsed = Stopwatch.GetElapsedTime(produceStarted);
        var serverCores = (target.ServerCpu - serverCpu) / produceElapsed;
        var generatorCores = (Environment.CpuUsage.TotalTime - ownCpu) / produceElapsed;
        await Task.Delay(s_drain);
        await stop.CancelAsync();
        await Task.WhenAll([.. clients, floorTask]);

        return new LatencyResult(clientCount, sse, floor, sent / produceElapsed.TotalSeconds, 1.0 * sse.Count / Math.Max(1, measuredSent * clientCount),
            serverCores, generatorCores);
    }
}

/// <param name="ServerCores">Cores our Stream used while records were produced (null for a server given by URL).</param>
/// <param name="GeneratorCores">Cores this process used meanwhile: readers, producer, floor consumer and embedded broker.</param>
internal sealed record LatencyResult(int Clients, LatencyHistogram Sse, LatencyHistogram Floor, double SendRate, double DeliveredShare,
    double? ServerCores, double GeneratorCores)
{
    public double Ratio => Sse.PercentileMs(0.99) / Floor.PercentileMs(0.99);
}
