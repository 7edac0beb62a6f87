namespace CryptoViz.Bench.Stream;

/// <summary>Readers spread in turn over the Stream instances' addresses, the <paramref name="first"/>-th reader of a run first.</summary>
internal sealed class SseReaders
{
    private readonly List<TaskCompletionSource> _connected;
    private readonly List<Task> _running;

    public SseReaders(IReadOnlyList<Uri> urls, int count, int first, MeasureWindow window, LatencyHistogram histogram, CancellationToken stop)
    {
        _connected = [.. Enumerable.Range(0, count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        _running = [.. _connected.Select((c, i) => SseClient.RunAsync(urls[(first + i) % urls.Count], window, histogram, c, stop))];
    }

    /// <summary>Completes once every reader has had its first frame.</summary>
    public Task Connected => Task.WhenAll(_connected.Select(c => c.Task));

    /// <summary>Completes once every reader has stopped.</summary>
    public Task Stopped => Task.WhenAll(_running);
}
