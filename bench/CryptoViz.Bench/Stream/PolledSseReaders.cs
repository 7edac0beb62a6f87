using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// Readers that count the events they get instead of timing them: one thread visits every socket each
/// <see cref="PollInterval"/> and takes whatever has arrived with non-blocking receives, several events per call. A run
/// times a sample of its readers (<see cref="SseClient"/>) and polls the rest, instead of a receive per event per reader
/// (100k calls/s at 10 events/s × 10,000 clients). Measured, that saved less than expected: the load generator's ~0.6 core
/// is mostly the embedded broker, the producer and the floor consumer (bench/README.md, fanout).
/// </summary>
internal sealed class PolledSseReaders
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<PolledReader> _readers;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;
    private int _waiting;

    private PolledSseReaders(List<PolledReader> readers, MeasureWindow window, CancellationToken stop)
    {
        _readers = readers;
        _waiting = readers.Count;
        if (_waiting == 0) _connected.SetResult();
        Stopped = Task.Factory.StartNew(() => Poll(window, stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Completes once every reader has had its first frame.</summary>
    public Task Connected => _connected.Task;

    public Task Stopped { get; }

    /// <summary>Events sent inside the measured window that these readers got.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    public static async Task<PolledSseReaders> StartAsync(IEnumerable<Uri> urls, MeasureWindow window, CancellationToken stop)
    {
        var readers = await Task.WhenAll(urls.Select(async url =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(url.Host, url.Port, stop);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nAccept: text/event-stream\r\n\r\n"), stop);
            socket.Blocking = false;
            return new PolledReader(socket);
        }));
        return new PolledSseReaders([.. readers], window, stop);
    }

    private void Poll(MeasureWindow window, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var visit = Stopwatch.GetTimestamp();
                foreach (var reader in _readers) Drain(reader, buffer, window);
                var rest = PollInterval - Stopwatch.GetElapsedTime(visit);
                if (rest > TimeSpan.Zero) stop.WaitHandle.WaitOne(rest);
            }
        }
        finally
        {
            foreach (var reader in _readers) reader.Socket.Dispose();
        }
    }

    private void Drain(PolledReader reader, byte[] buffer, MeasureWindow window)
    {
        while (!reader.Closed)
        {
            var received = reader.Socket.Receive(buffer, 0, buffer.Length, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock) return;
            if (error != SocketError.Success || received == 0)
            {
                reader.Closed = true;
                return;
            }

            var frames = reader.Response.Feed(buffer.AsSpan(0, received));
            if (frames.IsEmpty) continue;
            Interlocked.Add(ref _delivered, SendStamp.CountAll(frames, window));
            if (reader.Seen) continue;
            reader.Seen = true;
            if (Interlocked.Decrement(ref _waiting) == 0) _connected.TrySetResult();
        }
    }

    private sealed class PolledReader(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public SseResponseReader Response { get; } = new();

        public bool Seen { get; set; }

        public bool Closed { get; set; }
    }
}
