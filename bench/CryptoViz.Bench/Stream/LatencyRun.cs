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

    /// <exception cref="TimeoutException">Not every client connected.</exception>
    /// <param name="timedEvery">One client in this many times each event; the others count what they get (<see cref="SseReaders"/>).</param>
    public static async Task<LatencyResult> MeasureAsync(StreamTarget target, int rate, int clientCount, TimeSpan measured, int timedEvery = 1)
    {
        using var stop = new CancellationTokenSource();
        var window = new MeasureWindow();
        var sse = new LatencyHistogram();
        var floor = new LatencyHistogram();

        // Sends, measured or not, that the readers got, and the resident memory of Stream while they are all connected.
        long sent, measuredSent, polled;
        TimeSpan produceElapsed;
        double? serverCores, serverRssMiB;
        double generatorCores;
        int readerProcesses;
        var readers = await ReaderFleet.ConnectAsync(target.StreamUrls, clientCount, timedEvery, window, sse, TimeSpan.FromSeconds(60));
        await using (readers)
        {
            using var floorAssigned = new ManualResetEventSlim();
            var floorTask = Task.Factory.StartNew(() => FloorConsumer.Run(target.BootstrapServers, target.Topic, window, floor, floorAssigned, stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            floorAssigned.Wait(TimeSpan.FromSeconds(30));

            var (serverCpu, ownCpu) = (target.ServerCpu, Environment.CpuUsage.TotalTime + readers.ChildCpu);
            var produceStarted = Stopwatch.GetTimestamp();
            readers.Open(produceStarted + (long)(s_warmUp.TotalSeconds * Stopwatch.Frequency));
            (sent, measuredSent) = await Task.Factory.StartNew(
                () => PacedProducer.Run(target.BootstrapServers, target.Topic, rate, s_warmUp + measured, window),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            produceElapsed = Stopwatch.GetElapsedTime(produceStarted);
            serverCores = (target.ServerCpu - serverCpu) / produceElapsed;
            generatorCores = (Environment.CpuUsage.TotalTime + readers.ChildCpu - ownCpu) / produceElapsed;
            serverRssMiB = target.ServerRssMiB;
            readerProcesses = readers.Processes;
            await Task.Delay(s_drain);
            await stop.CancelAsync();
            await floorTask;
        }

        polled = readers.Polled;
        return new LatencyResult(clientCount, sse, floor, sent / produceElapsed.TotalSeconds,
            1.0 * (sse.Count + polled) / Math.Max(1, measuredSent * clientCount), serverCores, generatorCores, serverRssMiB, readerProcesses);
    }
}

/// <param name="ServerCores">Cores our Stream instances used while records were produced (null for a server given by URL).</param>
/// <param name="GeneratorCores">Cores this process and its reader processes used meanwhile: readers, producer, floor consumer and embedded broker.</param>
/// <param name="ServerRssMiB">Our Stream instances' resident memory with every client connected (null for a server given by URL).</param>
/// <param name="ReaderProcesses">Child processes that held readers; 0 when this process held them all.</param>
internal sealed record LatencyResult(int Clients, LatencyHistogram Sse, LatencyHistogram Floor, double SendRate, double DeliveredShare,
    double? ServerCores, double GeneratorCores, double? ServerRssMiB, int ReaderProcesses)
{
    public double Ratio => Sse.PercentileMs(0.99) / Floor.PercentileMs(0.99);
}
