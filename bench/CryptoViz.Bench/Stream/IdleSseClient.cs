using System.Net.Sockets;
using System.Text;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// An open page with nothing to do: a plain socket that reads whatever Stream sends (welcome, snapshot, updates,
/// heartbeats) as it comes and counts the <c>crypto_update</c> events. It receives 4 KiB at a time, so that thousands of
/// them cost the bench little.
/// </summary>
internal sealed class IdleSseClient : IDisposable
{
    private const int ReceiveSize = 4096;

    private static ReadOnlySpan<byte> UpdateMarker => "\"type\":\"crypto_update\""u8;

    private readonly Socket _socket;
    private int _updates;

    private IdleSseClient(Socket socket) => _socket = socket;

    /// <summary>The <c>crypto_update</c> events read so far.</summary>
    public int Updates => Volatile.Read(ref _updates);

    /// <summary>Ends with the connection, or with <paramref name="cancellationToken"/>.</summary>
    public Task Reading { get; private set; } = Task.CompletedTask;

    public static async Task<IdleSseClient> ConnectAsync(Uri streamUri, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(streamUri.Host, streamUri.Port, cancellationToken);
            var request = $"GET {streamUri.PathAndQuery} HTTP/1.1\r\nHost: {streamUri.Authority}\r\nAccept: text/event-stream\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new IdleSseClient(socket);
        client.Reading = client.ReadAsync(cancellationToken);
        return client;
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var response = new SseResponseReader(2 * ReceiveSize);
        var buffer = new byte[ReceiveSize];
        try
        {
            while (await _socket.ReceiveAsync(buffer, cancellationToken) is var received and > 0)
            {
                var frames = response.Feed(buffer.AsSpan(0, received));
                var count = 0;
                while (frames.IndexOf(UpdateMarker) is var at and >= 0)
                {
                    count++;
                    frames = frames[(at + UpdateMarker.Length)..];
                }

                Interlocked.Add(ref _updates, count);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The run is over.
        }
    }
}
