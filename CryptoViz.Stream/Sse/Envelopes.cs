using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CryptoViz.Stream.Sse;

/// <summary>
/// V2's three envelopes as unnamed SSE events (docs/v2-contract.md#sse-get-stream), and <c>prediction</c> in the shape of
/// <c>crypto_update</c>: an <c>id:</c> line, one <c>data:</c> line and a blank line, never an <c>event:</c> line,
/// which would stop a plain <c>onmessage</c> handler from firing.
/// </summary>
internal static class Envelopes
{
    public const string Backend = "redpanda";
    public const string WelcomeMessage = "Streaming CryptoViz Redpanda connecté";

    private static ReadOnlySpan<byte> RetryField => "retry: "u8;
    private static ReadOnlySpan<byte> IdField => "id: "u8;
    private static ReadOnlySpan<byte> DataField => "data: "u8;
    private static ReadOnlySpan<byte> KeepAliveComment => ": keep-alive\n\n"u8;
    private static readonly byte[] s_backend = Encoding.UTF8.GetBytes(Backend);

    // The welcome and heartbeats differ per client, so they are rendered per write: in this thread's scratch buffer, then
    // copied out. No client holds a JSON writer, and Kestrel is asked for the bytes alone: a Utf8JsonWriter asks its
    // output for 4 KiB at least, past a pooled block once chunk framing is added, which Kestrel then rents elsewhere.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_scratch;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    /// <summary>An event of <paramref name="type"/> with <paramref name="record"/> verbatim in <c>data</c>.</summary>
    /// <remarks>
    /// Assembled into one array of the frame's exact size: the type and source are our own ASCII names and the time is
    /// digits, so nothing needs escaping. Through Utf8JsonWriter each frame reserved a 4 KiB buffer first, which was most
    /// of what Stream allocated at 10k events/s.
    /// </remarks>
    public static byte[] Render(StreamPosition id, string type, ReadOnlySpan<byte> record, UpdateOrigin origin, DateTime nowUtc)
    {
        var idText = Encoding.ASCII.GetBytes(id.Text);
        Span<byte> typeText = stackalloc byte[Encoding.UTF8.GetMaxByteCount(type.Length)];
        var typeLength = Encoding.UTF8.GetBytes(type, typeText);
        Span<byte> time = stackalloc byte[V2Time.MaxLength];
        var timeLength = V2Time.FormatIso(nowUtc, time);
        ReadOnlySpan<byte> source = origin == UpdateOrigin.TestEndpoint ? "test-endpoint"u8 : s_backend;

        ReadOnlySpan<byte> typeStart = "{\"type\":\""u8, dataStart = "\",\"data\":"u8, timeStart = ",\"timestamp\":\""u8,
            sourceStart = "\",\"source\":\""u8, end = "\"}\n\n"u8;
        var frame = new byte[IdField.Length + idText.Length + 1 + DataField.Length + typeStart.Length + typeLength + dataStart.Length + record.Length
                             + timeStart.Length + timeLength + sourceStart.Length + source.Length + end.Length];
        var at = 0;
        Append(frame, ref at, IdField);
        Append(frame, ref at, idText);
        frame[at++] = (byte)'\n';
        Append(frame, ref at, DataField);
        Append(frame, ref at, typeStart);
        Append(frame, ref at, typeText[..typeLength]);
        Append(frame, ref at, dataStart);
        var data = frame.AsSpan(at, record.Length);
        Append(frame, ref at, record);
        // A raw line break would split the data line into two SSE lines. In valid JSON a CR or LF can only be
        // whitespace between tokens, so a space in its place leaves the value unchanged.
        data.Replace((byte)'\r', (byte)' ');
        data.Replace((byte)'\n', (byte)' ');
        Append(frame, ref at, timeStart);
        Append(frame, ref at, time[..timeLength]);
        Append(frame, ref at, sourceStart);
        Append(frame, ref at, source);
        Append(frame, ref at, end);
        return frame;
    }

    private static void Append(byte[] frame, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(frame.AsSpan(at));
        at += bytes.Length;
    }

    /// <summary>The bytes of the <c>id:</c> line that <see cref="Render"/> and <see cref="WriteId"/> write for <paramref name="id"/>.</summary>
    public static int IdLineLength(StreamPosition id) => IdField.Length + id.Text.Length + 1;

    /// <summary>An <c>id:</c> line; a frame rendered for every client follows it without its own.</summary>
    public static void WriteId(IBufferWriter<byte> output, StreamPosition id)
    {
        output.Write(IdField);
        var span = output.GetSpan(id.Text.Length + 1);
        var written = Encoding.ASCII.GetBytes(id.Text, span);
        span[written++] = (byte)'\n';
        output.Advance(written);
    }

    /// <summary>The client's first event, led by the <c>retry:</c> line.</summary>
    /// <returns>The bytes written.</returns>
    public static int WriteWelcome(IBufferWriter<byte> output, TimeSpan reconnectDelay, StreamPosition id, string clientId, DateTime nowUtc)
    {
        var (scratch, json) = Scratch();
        WriteRetry(scratch, reconnectDelay);
        WriteId(scratch, id);
        scratch.Write(DataField);
        json.WriteStartObject();
        json.WriteString("type", ClientFilter.WelcomeType);
        json.WriteString("message", WelcomeMessage);
        json.WriteString("client_id", clientId);
        json.WriteString("timestamp", V2Time.FormatIso(nowUtc));
        json.WriteString("backend", Backend);
        json.WriteEndObject();
        return CopyOut(output, scratch, json);
    }

    public static void WriteHeartbeat(IBufferWriter<byte> output, StreamPosition id, DateTime nowUtc, int connectedClients, long messagesSent,
        string brokerStatus)
    {
        var (scratch, json) = Scratch();
        WriteId(scratch, id);
        scratch.Write(DataField);
        json.WriteStartObject();
        json.WriteString("type", ClientFilter.HeartbeatType);
        json.WriteString("timestamp", V2Time.FormatIso(nowUtc));
        json.WriteString("backend", Backend);
        json.WriteStartObject("stats");
        json.WriteNumber("connected_clients", connectedClients);
        json.WriteNumber("messages_sent", messagesSent);
        json.WriteString("redpanda_status", brokerStatus);
        json.WriteEndObject();
        json.WriteEndObject();
        CopyOut(output, scratch, json);
    }

    /// <summary>For a client that filtered out welcome: the <c>retry:</c> line alone dispatches no event.</summary>
    /// <returns>The bytes written.</returns>
    public static int WriteRetry(IBufferWriter<byte> output, TimeSpan reconnectDelay) =>
        WriteField(output, RetryField, (long)reconnectDelay.TotalMilliseconds);

    /// <summary>For a client that filtered out heartbeats: a comment keeps proxies and dead-peer detection busy, unseen by EventSource.</summary>
    public static void WriteKeepAlive(IBufferWriter<byte> output) => output.Write(KeepAliveComment);

    /// <summary>Before the snapshot that replaces a replay: a comment that says why, for people and scripts; EventSource ignores it.</summary>
    /// <returns>The bytes written.</returns>
    public static int WriteResumeFailure(IBufferWriter<byte> output, ResumeFailure failure)
    {
        var comment = failure switch
        {
            ResumeFailure.NotAPosition => ": no resume: Last-Event-ID is not a position of this stream; the snapshot follows\n\n"u8,
            ResumeFailure.UnknownPartition => ": no resume: Last-Event-ID names a partition this instance does not read; the snapshot follows\n\n"u8,
            _ => ": no resume: events after Last-Event-ID have left this instance's replay buffer; the snapshot follows\n\n"u8,
        };
        output.Write(comment);
        return comment.Length;
    }

    private static int WriteField(IBufferWriter<byte> output, ReadOnlySpan<byte> field, long value)
    {
        output.Write(field);
        var span = output.GetSpan(21);
        value.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        span[written++] = (byte)'\n';
        output.Advance(written);
        return field.Length + written;
    }

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json) Scratch()
    {
        var scratch = t_scratch ??= new ArrayBufferWriter<byte>();
        scratch.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(scratch);
        json.Reset(scratch);
        return (scratch, json);
    }

    private static int CopyOut(IBufferWriter<byte> output, ArrayBufferWriter<byte> scratch, Utf8JsonWriter json)
    {
        json.Flush();
        scratch.Write("\n\n"u8);
        output.Write(scratch.WrittenSpan);
        return scratch.WrittenCount;
    }
}
