namespace CryptoViz.Bench.Stream;

/// <summary>
/// Readers spread in turn over the Stream instances' addresses, the <paramref name="first"/>-th reader of a run first.
/// Every <paramref name="timedEvery"/>-th reader of the run times each event (<see cref="SseClient"/>); the others count
/// theirs (<see cref="PolledSseReaders"/>), so that the timed ones are an even sample of all.
/// </summary>
internal sealed class SseReaders(IReadOnlyList<Uri> urls, int count, int first, int timedEvery, MeasureWindow window, LatencyHistogram histogram,
    CancellationToken stop)
{
    private readonly List<TaskCompletionSource> _connected = [];
    private readonly List<Task> _timed = [];
    private PolledSseReaders? _polled;

    /// <summary>Events inside the measured window that the untimed readers got.</summary>
    public long Polled => _polled?.Delivered ?? 0;

    /// <summary>Connects every reader; completes once each has had its first frame.</summary>
    public async Task ConnectAsync()
    {
        var untimed = new List<Uri>();
        for (var i = first; i < first + count; i++)
        {
            var url = urls[i % urls.Count];
            if (i % timedEvery != 0)
            {
                untimed.Add(url);
                continue;
            }

            var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connected.Add(connected);
            _timed.Add(SseClient.RunAsync(url, window, histogram, connected, stop));
        }

        _polled = await PolledSseReaders.StartAsync(untimed, window, stop);
        await Task.WhenAll([.. _connected.Select(c => c.Task), _polled.Connected]);
    }

    /// <summary>Completes once every reader has stopped.</summary>
    public Task StoppedAsync() => Task.WhenAll([.. _timed, _polled?.Stopped ?? Task.CompletedTask]);
}
