using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CryptoViz.Tests.Support;

/// <summary>
/// A real OTLP/HTTP endpoint (protobuf) on loopback that records every span the services export, so a
/// test can find one tick's trace across processes the way the Aspire dashboard shows it.
/// </summary>
public sealed class OtlpTraceReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpTraceReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public static async Task<OtlpTraceReceiver> StartAsync()
    {
        var app = LoopbackServer.Create();
        var receiver = new OtlpTraceReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveAsync);
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        receiver.Endpoint = LoopbackServer.AddressOf(app).GetLeftPart(UriPartial.Authority);
        return receiver;
    }

    /// <summary>Trace ids with at least one span from every named service.</summary>
    public IReadOnlyList<string> TracesAcross(params string[] services) =>
        [.. _spans.GroupBy(s => s.TraceId)
            .Where(g => services.All(name => g.Any(s => s.ServiceName == name)))
            .Select(g => g.Key)];

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        Parse(buffer.ToArray());
        return Results.Bytes([], "application/x-protobuf");
    }

    // ExportTraceServiceRequest { ResourceSpans resource_spans = 1 }
    // ResourceSpans { Resource resource = 1; ScopeSpans scope_spans = 2 }; ScopeSpans { Span spans = 2 }
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5 }
    private void Parse(ReadOnlySpan<byte> request)
    {
        var export = new ProtoReader(request);
        while (export.TryReadField(out var field, out var resourceSpans))
        {
            if (field != 1) continue;
            var service = "";
            var spans = new List<(string, string, string, string)>();
            var rs = new ProtoReader(resourceSpans);
            while (rs.TryReadField(out var f, out var bytes))
            {
                if (f == 1) service = ServiceName(bytes) ?? service;
                else if (f == 2) ReadScopeSpans(bytes, spans);
            }

            foreach (var (traceId, spanId, parentId, name) in spans)
            {
                _spans.Enqueue(new ReceivedSpan(service, traceId, spanId, parentId, name));
            }
        }
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> scopeSpans, List<(string, string, string, string)> spans)
    {
        var ss = new ProtoReader(scopeSpans);
        while (ss.TryReadField(out var f, out var span))
        {
            if (f != 2) continue;
            string traceId = "", spanId = "", parentId = "", name = "";
            var s = new ProtoReader(span);
            while (s.TryReadField(out var sf, out var value))
            {
                switch (sf)
                {
                    case 1: traceId = Convert.ToHexStringLower(value); break;
                    case 2: spanId = Convert.ToHexStringLower(value); break;
                    case 4: parentId = Convert.ToHexStringLower(value); break;
                    case 5: name = Encoding.UTF8.GetString(value); break;
                }
            }

            spans.Add((traceId, spanId, parentId, name));
        }
    }

    // Resource { KeyValue attributes = 1 }; KeyValue { string key = 1; AnyValue value = 2 }; AnyValue { string string_value = 1 }
    private static string? ServiceName(ReadOnlySpan<byte> resource)
    {
        var r = new ProtoReader(resource);
        while (r.TryReadField(out var f, out var attribute))
        {
            if (f != 1) continue;
            string? key = null, value = null;
            var kv = new ProtoReader(attribute);
            while (kv.TryReadField(out var kf, out var bytes))
            {
                if (kf == 1) key = Encoding.UTF8.GetString(bytes);
                else if (kf == 2)
                {
                    var any = new ProtoReader(bytes);
                    if (any.TryReadField(out var af, out var str) && af == 1) value = Encoding.UTF8.GetString(str);
                }
            }

            if (key == "service.name") return value;
        }

        return null;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
