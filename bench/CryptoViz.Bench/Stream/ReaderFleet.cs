namespace CryptoViz.Bench.Stream;

/// <summary>
/// A run's SSE readers. They live in this process while it may open that many sockets (RLIMIT_NOFILE: 20,000 here, a
/// hard limit), else in as many <see cref="ReaderProcess"/>es as it takes, so that two instances' 20,000 clients can be
/// read; each reader is a socket whatever the process.
/// </summary>
internal sealed class ReaderFleet : IAsyncDisposable
{
    private const int SocketsKeptFree = 1_000;

    private readonly CancellationTokenSource _stop = new();
    private readonly MeasureWindow _window;
    private readonly LatencyHistogram _histogram;
    private readonly SseReaders? _local;
    private readonly List<ReaderProcess> _children = [];
    private long _childrenPolled;

    private ReaderFleet(IReadOnlyList<Uri> urls, int count, int timedEvery, MeasureWindow window, LatencyHistogram histogram)
    {
        (_window, _histogram) = (window, histogram);
        var perProcess = OpenFileLimit() - SocketsKeptFree;
        if (count <= perProcess)
        {
            _local = new SseReaders(urls, count, 0, timedEvery, window, histogram, _stop.Token);
            return;
        }

        for (var first = 0; first < count; first += perProcess)
        {
            _children.Add(ReaderProcess.Start(urls, Math.Min(perProcess, count - first), first, timedEvery));
        }
    }

    public int Processes => _children.Count;

    /// <summary>Events inside the measured window that the untimed readers got; the children's once they stopped.</summary>
    public long Polled => (_local?.Polled ?? 0) + Interlocked.Read(ref _childrenPolled);

    /// <summary>CPU time of the reader processes so far (the readers in this process count in its own).</summary>
    public TimeSpan ChildCpu => _children.Aggregate(TimeSpan.Zero, (sum, child) => sum + child.Cpu);

    /// <exception cref="TimeoutException">Not every reader connected within <paramref name="timeout"/>.</exception>
    /// <param name="timedEvery">One reader in this many times each event; the others count theirs.</param>
    public static async Task<ReaderFleet> ConnectAsync(IReadOnlyList<Uri> urls, int count, int timedEvery, MeasureWindow window,
        LatencyHistogram histogram, TimeSpan timeout)
    {
        var fleet = new ReaderFleet(urls, count, timedEvery, window, histogram);
        try
        {
            await (fleet._local?.ConnectAsync() ?? Task.WhenAll(fleet._children.Select(c => c.WaitConnectedAsync()))).WaitAsync(timeout);
            return fleet;
        }
        catch (TimeoutException)
        {
            // Do not leave the readers that did connect running into the next step.
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends from <paramref name="from"/> on are measured.</summary>
    public void Open(long from)
    {
        _window.Open(from);
        foreach (var child in _children) child.Open(from);
    }

    /// <summary>Stops every reader; the children's latencies join the histogram.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_local is not null) await _local.StoppedAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var child in _children)
        {
            using (child)
            {
                var stopped = child.StopAsync(_histogram).WaitAsync(TimeSpan.FromSeconds(60));
                await stopped.ContinueWith(_ => { }, TaskScheduler.Default);
                if (stopped.IsCompletedSuccessfully) Interlocked.Add(ref _childrenPolled, stopped.Result);
            }
        }

        _stop.Dispose();
    }

    private static int OpenFileLimit()
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        return int.Parse(line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
