using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// One <c>/stream</c> reader on a plain socket, speaking HTTP/1.1 as a browser's EventSource does. HttpClient reads a
/// chunked body 4 KiB per receive call, which at 10k events/s × 100 readers meant ~100k calls/s and made the readers,
/// not the server, the bottleneck; here each call takes up to 64 KiB. Frames are scanned for the send stamp, not parsed.
/// </summary>
internal static class SseClient
{
    private const int ReceiveSize = 64 * 1024;

    /// <summary>Read by .NET's socket engine when this process first waits on a socket, so it is set before that.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Receives complete on the socket engine's thread instead of being queued to the thread pool: a reader's work per
    /// receive is a scan, and the hop cost the load generator ~0.1 core at 10k events/s × 100 readers. Call before any
    /// socket is awaited; Stream itself is started without it.
    /// </summary>
    public static void CompleteReceivesInline() => Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");

    public static async Task RunAsync(Uri streamUri, MeasureWindow window, LatencyHistogram histogram,
        TaskCompletionSource connected, CancellationToken cancellationToken)
    {
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(streamUri.Host, streamUri.Port, cancellationToken);
            var request = $"GET {streamUri.PathAndQuery} HTTP/1.1\r\nHost: {streamUri.Authority}\r\nAccept: text/event-stream\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), cancellationToken);

            var response = new SseResponseReader();
            var buffer = new byte[ReceiveSize];
            while (await socket.ReceiveAsync(buffer, cancellationToken) is var received and > 0)
            {
                var receivedAt = Stopwatch.GetTimestamp();
                if (response.Feed(buffer.AsSpan(0, received)) is { IsEmpty: false } frames)
                {
                    SendStamp.RecordAll(frames, receivedAt, window, histogram);
                    connected.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
