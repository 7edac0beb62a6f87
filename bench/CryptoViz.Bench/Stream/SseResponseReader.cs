using System.Text;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// Turns the bytes of an HTTP/1.1 SSE response, as they arrive, into complete event frames: checks the status line,
/// removes chunked transfer coding when the server uses it (Kestrel does; a server that closes the connection
/// instead sends the body as it is) and holds back a frame until its blank line has arrived.
/// </summary>
/// <param name="initialSize">What the reader holds at first; it grows to the largest run of frames received at once.</param>
internal sealed class SseResponseReader(int initialSize = 64 * 1024)
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> FrameEnd => "\n\n"u8;

    private byte[] _pending = new byte[initialSize];
    private int _pendingLength;
    private int _handedOut;
    private bool _inBody;
    private bool _chunked;
    private long _chunkLeft;
    private ChunkState _chunkState = ChunkState.Size;
    private long _chunkSize;

    private enum ChunkState { Size, Extension, SizeLineEnd, Data, DataEnd }

    /// <summary>Takes the next received bytes.</summary>
    /// <returns>The frames completed by them (valid until the next call), or nothing.</returns>
    /// <exception cref="InvalidDataException">The response is not a 200 or its chunked coding is broken.</exception>
    public ReadOnlySpan<byte> Feed(ReadOnlySpan<byte> received)
    {
        // What was handed out last time goes; the incomplete frame behind it moves to the front.
        _pending.AsSpan(_handedOut, _pendingLength - _handedOut).CopyTo(_pending);
        (_pendingLength, _handedOut) = (_pendingLength - _handedOut, 0);
        if (!_inBody)
        {
            Append(received);
            var end = _pending.AsSpan(0, _pendingLength).IndexOf(HeaderEnd);
            if (end < 0) return default;
            ReadHeaders(Encoding.ASCII.GetString(_pending, 0, end));
            var body = _pending.AsSpan(end + HeaderEnd.Length, _pendingLength - end - HeaderEnd.Length).ToArray();
            (_pendingLength, _inBody) = (0, true);
            received = body;
        }

        if (_chunked) Dechunk(received);
        else Append(received);
        return TakeFrames();
    }

    private void ReadHeaders(string headers)
    {
        var lines = headers.Split("\r\n");
        if (lines[0].Split(' ') is not [_, "200", ..]) throw new InvalidDataException($"The stream answered \"{lines[0]}\".");
        _chunked = lines.Skip(1).Any(l => l.StartsWith("transfer-encoding:", StringComparison.OrdinalIgnoreCase)
                                          && l.Contains("chunked", StringComparison.OrdinalIgnoreCase));
    }

    private void Dechunk(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            switch (_chunkState)
            {
                case ChunkState.Size:
                    var b = data[0];
                    data = data[1..];
                    if (HexValue(b) is var digit and >= 0) _chunkSize = _chunkSize * 16 + digit;
                    else if (b == '\r') _chunkState = ChunkState.SizeLineEnd;
                    else if (b == ';') _chunkState = ChunkState.Extension;
                    else throw new InvalidDataException($"Bad chunk size byte 0x{b:x2}.");
                    break;
                case ChunkState.Extension:
                    if (data[0] == '\r') _chunkState = ChunkState.SizeLineEnd;
                    data = data[1..];
                    break;
                case ChunkState.SizeLineEnd:
                    if (data[0] != '\n') throw new InvalidDataException("Chunk size line without LF.");
                    data = data[1..];
                    (_chunkLeft, _chunkSize, _chunkState) = (_chunkSize, 0, ChunkState.Data);
                    if (_chunkLeft == 0) return; // The last chunk: the server ended the stream.
                    break;
                case ChunkState.Data:
                    var take = (int)Math.Min(_chunkLeft, data.Length);
                    Append(data[..take]);
                    data = data[take..];
                    _chunkLeft -= take;
                    if (_chunkLeft == 0) (_chunkState, _chunkLeft) = (ChunkState.DataEnd, 2);
                    break;
                case ChunkState.DataEnd:
                    // The CRLF after the chunk's data.
                    data = data[1..];
                    if (--_chunkLeft == 0) _chunkState = ChunkState.Size;
                    break;
            }
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private ReadOnlySpan<byte> TakeFrames()
    {
        var last = _pending.AsSpan(0, _pendingLength).LastIndexOf(FrameEnd);
        if (last < 0) return default;
        _handedOut = last + FrameEnd.Length;
        return _pending.AsSpan(0, _handedOut);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_pendingLength + data.Length > _pending.Length) Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + data.Length));
        data.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += data.Length;
    }
}
