using System.Text.RegularExpressions;
using CryptoViz.Contracts.Messaging;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// Every resource's console output (and the AppHost's lines about it, such as the supervisor's restarts) into one file,
/// each line tagged with its resource and the time the bench read it. It also counts the Scraper's records for
/// <c>crypto-raw-data</c> that never reached the broker (its "Broker did not take" and "Producer queue full" warnings):
/// those are lost before the topic, where the bench's counts cannot see them. And Ingest's dead letters the broker refused
/// (its "was not delivered" errors), which show whether a dead-letter fault took effect.
/// </summary>
internal sealed partial class ServiceLogs : IAsyncDisposable
{
    private readonly StreamWriter _file;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _watches;
    private long _scraperUndelivered;
    private long _ingestDeadLetterFailures;

    public ServiceLogs(FaultApp app, string path)
    {
        Path = path;
        _file = new StreamWriter(path) { AutoFlush = true };
        _watches = [.. FaultApp.Resources.Select(name => WatchAsync(app, name))];
    }

    public string Path { get; }

    public long ScraperUndelivered => Interlocked.Read(ref _scraperUndelivered);

    public long IngestDeadLetterFailures => Interlocked.Read(ref _ingestDeadLetterFailures);

    /// <summary>A line of the bench's own, among the services' lines, to find a scenario's start and end in the file.</summary>
    public void Mark(string text) => Write("bench", text);

    private async Task WatchAsync(FaultApp app, string name)
    {
        try
        {
            await foreach (var batch in app.Logs.WatchAsync(app.Resource(name)).WithCancellation(_stop.Token))
            {
                foreach (var line in batch)
                {
                    Write(name, Colors().Replace(line.Content, ""));
                    if (name == "scraper" && IsUndelivered(line.Content)) Interlocked.Increment(ref _scraperUndelivered);
                    if (name == "ingest" && line.Content.Contains("was not delivered; its batch's offsets wait", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref _ingestDeadLetterFailures);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private static bool IsUndelivered(string line) =>
        line.Contains(Topics.RawData, StringComparison.Ordinal)
        && (line.Contains("Broker did not take", StringComparison.Ordinal) || line.Contains("Producer queue full", StringComparison.Ordinal));

    private void Write(string resource, string text)
    {
        lock (_lock)
        {
            _file.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} [{resource}] {text}");
        }
    }

    /// <summary>The console logger's ANSI colours, noise in a file.</summary>
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colors();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watches);
        await _file.DisposeAsync();
    }
}
