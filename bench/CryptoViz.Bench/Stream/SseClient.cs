using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// One <c>/stream</c> reader. It scans whole SSE frames for the send stamp instead of parsing the JSON, so
/// that 100 readers in one process on 2 cores measure the server rather than themselves.
/// </summary>
internal static class SseClient
{
    private static ReadOnlySpan<byte> FrameEnd => "\n\n"u8;

    public static async Task RunAsync(HttpClient http, Uri streamUri, MeasureWindow window, LatencyHistogram histogram,
        TaskCompletionSource connected, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(streamUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            var reader = PipeReader.Create(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var receivedAt = Stopwatch.GetTimestamp();
                var buffer = read.Buffer;
                var end = LastFrameEnd(buffer);
                if (end is { } complete)
                {
                    var frameBytes = buffer.Slice(0, complete);
                    Record(frameBytes, receivedAt, window, histogram);
                    connected.TrySetResult();
                    reader.AdvanceTo(frameBytes.End, buffer.End);
                }
                else
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (read.IsCompleted) return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    private static SequencePosition? LastFrameEnd(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        SequencePosition? last = null;
        while (reader.TryAdvanceTo(FrameEnd[0]))
        {
            if (reader.IsNext(FrameEnd[1], advancePast: true)) last = reader.Position;
        }

        return last;
    }

    private static void Record(ReadOnlySequence<byte> frames, long receivedAt, MeasureWindow window, LatencyHistogram histogram)
    {
        if (frames.IsSingleSegment)
        {
            SendStamp.RecordAll(frames.FirstSpan, receivedAt, window, histogram);
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent((int)frames.Length);
        frames.CopyTo(copy);
        SendStamp.RecordAll(copy.AsSpan(0, (int)frames.Length), receivedAt, window, histogram);
        ArrayPool<byte>.Shared.Return(copy);
    }
}
