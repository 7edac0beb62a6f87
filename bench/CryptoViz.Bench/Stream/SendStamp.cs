using System.Buffers.Text;

namespace CryptoViz.Bench.Stream;

/// <summary>
/// The send time travels in the record's own <c>producer_id</c> (<c>bench-&lt;Stopwatch ticks&gt;</c>), so Stream
/// forwards it verbatim and readers in this process compare it against the same clock.
/// </summary>
internal static class SendStamp
{
    private const string Prefix = "bench-";
    private static ReadOnlySpan<byte> Marker => "\"producer_id\":\"bench-"u8;

    public static string Format(long timestamp) => Prefix + timestamp;

    /// <summary>Records every stamped event in <paramref name="text"/> sent inside the measured window.</summary>
    public static void RecordAll(ReadOnlySpan<byte> text, long receivedAt, MeasureWindow window, LatencyHistogram histogram)
    {
        while (text.IndexOf(Marker) is var at and >= 0)
        {
            text = text[(at + Marker.Length)..];
            if (Utf8Parser.TryParse(text, out long sent, out var consumed))
            {
                if (window.Contains(sent)) histogram.Record(sent, receivedAt);
                text = text[consumed..];
            }
        }
    }

    /// <returns>How many stamped events in <paramref name="text"/> were sent inside the measured window.</returns>
    public static int CountAll(ReadOnlySpan<byte> text, MeasureWindow window)
    {
        var count = 0;
        while (text.IndexOf(Marker) is var at and >= 0)
        {
            text = text[(at + Marker.Length)..];
            if (!Utf8Parser.TryParse(text, out long sent, out var consumed)) continue;
            if (window.Contains(sent)) count++;
            text = text[consumed..];
        }

        return count;
    }
}

/// <summary>
/// Which sends count: those after the warm-up. Older events (the snapshot a new client gets, warm-up traffic)
/// are ignored. Opened once every reader is in place, read by all of them.
/// </summary>
internal sealed class MeasureWindow
{
    private long _from = long.MaxValue;

    public void Open(long from) => Volatile.Write(ref _from, from);

    public bool Contains(long sent) => sent >= Volatile.Read(ref _from);
}
