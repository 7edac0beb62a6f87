namespace CryptoViz.Bench.Stream;

/// <summary>
/// <c>sse-readers</c>: a share of a run's readers in a process of their own, for runs with more readers than one process
/// may open sockets. Driven by its parent (<see cref="ReaderProcess"/>) on standard input and output: it says
/// <c>connected</c>, takes <c>open &lt;timestamp&gt;</c> (the measured window) and <c>stop</c>, then writes what its untimed
/// readers counted and its timed readers' latencies.
/// Stopwatch timestamps are the system's monotonic clock, the same in every process.
/// </summary>
internal static class ReaderChild
{
    public const string Command = "sse-readers";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var urls = args.GetString("urls")!.Split(',').Select(u => new Uri(u)).ToList();
        var window = new MeasureWindow();
        var histogram = new LatencyHistogram();
        using var stop = new CancellationTokenSource();
        var readers = new SseReaders(urls, args.GetInt("clients", 0), args.GetInt("first", 0), args.GetInt("timed-every", 1), window, histogram,
            stop.Token);
        try
        {
            await readers.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(args.GetInt("connect-timeout", 60)));
        }
        catch (TimeoutException)
        {
            Console.WriteLine("timeout");
            return 1;
        }

        Console.WriteLine("connected");
        while (Console.ReadLine() is { } line && line != "stop")
        {
            if (line.StartsWith("open ", StringComparison.Ordinal)) window.Open(long.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture));
        }

        await stop.CancelAsync();
        await readers.StoppedAsync();
        Console.WriteLine(readers.Polled.ToString(System.Globalization.CultureInfo.InvariantCulture));
        histogram.WriteTo(Console.Out);
        return 0;
    }
}
