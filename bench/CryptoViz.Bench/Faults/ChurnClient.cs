using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CryptoViz.Bench.Faults;

/// <summary>
/// SSE clients that come and go: each opens <c>/stream</c> on a plain socket, waits for the response headers, and
/// resets the connection (SO_LINGER 0). A reset leaves no TIME_WAIT behind, so 60,000 connections in a minute do not run the
/// load generator out of local ports (~28,000 on Linux); to the server a reset is the abrupt end of a tab or a network.
/// </summary>
internal static class ChurnClient
{
    private const int MaxInFlight = 256;
    private static readonly TimeSpan s_connectionTimeout = TimeSpan.FromSeconds(10);

    public static async Task<ChurnResult> RunAsync(IPEndPoint stream, int perSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var request = Encoding.ASCII.GetBytes($"GET /stream HTTP/1.1\r\nHost: {stream}\r\nAccept: text/event-stream\r\n\r\n");
        var total = (long)(perSecond * duration.TotalSeconds);
        var inFlight = new SemaphoreSlim(MaxInFlight);
        var started = Stopwatch.GetTimestamp();
        var connections = new List<Task<double?>>((int)total);
        for (long sent = 0; sent < total;)
        {
            // Everything due by now, then a millisecond's pause: a timer per connection would not keep 1,000/s.
            var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond));
            for (; sent < due; sent++)
            {
                await inFlight.WaitAsync(cancellationToken);
                connections.Add(OpenAndResetAsync(stream, request, inFlight, cancellationToken));
            }

            await Task.Delay(1, cancellationToken);
        }

        var times = await Task.WhenAll(connections);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var answered = times.OfType<double>().Order().ToArray();
        return new ChurnResult(total, answered.Length, answered.Length / elapsed.TotalSeconds,
            answered.Length > 0 ? answered[(int)Math.Min(answered.Length - 1, answered.Length * 0.99)] : double.NaN);
    }

    /// <returns>Milliseconds from connecting to the complete response headers of a 200; null for any other outcome.</returns>
    private static async Task<double?> OpenAndResetAsync(IPEndPoint stream, byte[] request, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_connectionTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
            await socket.ConnectAsync(stream, timeout.Token);
            await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            var length = 0;
            while (length < buffer.Length && await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, timeout.Token) is var received and > 0)
            {
                length += received;
                var text = Encoding.ASCII.GetString(buffer, 0, length);
                if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    return text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal) ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
                }
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            inFlight.Release();
        }
    }
}

/// <summary><see cref="Answered"/>: connections that got a 200 and its headers; the rest failed, timed out or were refused.</summary>
internal sealed record ChurnResult(long Attempted, long Answered, double AnsweredPerSecond, double P99Milliseconds);
